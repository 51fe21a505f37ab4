// Latency of @ciamkit/jit's handler (token check, JWE decryption, replay store, answer) without the
// verifier's own cost (a callback that answers at once), against a bare node:http server that reads
// the same request and answers a body of the same size, in the same run, over keep-alive loopback.
// Tokens and contexts are made before timing starts (they are the caller's cost).
// Usage: pnpm --filter @ciamkit/bench-b2c-migration bench:handler   (BENCH_REQUESTS=2000)
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { callbackVerifier, createPasswordMigrationHandler, toNodeListener } from "@ciamkit/jit";
import { passwordSubmit, startFakeTenant } from "../../packages/jit/test/helpers/fake-tenant.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARM_UP = 200;
const tenant = await startFakeTenant();

const handler = createPasswordMigrationHandler({
  tenantId: tenant.tenantId,
  audience: tenant.appId,
  discoveryUrl: tenant.discoveryUrl,
  privateKey: tenant.privateKeyPem,
  verifier: callbackVerifier(() => true),
});
const answer = JSON.stringify({
  data: {
    "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
    actions: [{ "@odata.type": "microsoft.graph.passwordsubmit.MigratePassword" }],
    nonce: randomUUID(),
  },
});
// The baseline: read the body, answer the same bytes a handler would.
const bare = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(answer);
  });
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
const servers = { handler: createServer(toNodeListener(handler)), baseline: bare };
const urls = { handler: await listen(servers.handler), baseline: await listen(servers.baseline) };

/** One call's request, made ahead: a fresh token and nonce each (the handler refuses replays). */
async function prepare(): Promise<{ headers: Headers; body: string }> {
  const context = await tenant.encrypt({ "user-password": "Bench-Password-1", nonce: randomUUID() });
  const request = passwordSubmit(await tenant.token(), tenant.body(context));
  return { headers: request.headers, body: await request.text() };
}
const calls = await Promise.all(Array.from({ length: REQUESTS + WARM_UP }, prepare));

const samples: Record<keyof typeof urls, number[]> = { handler: [], baseline: [] };
for (const [i, call] of calls.entries()) {
  // Interleaved, so both see the same machine load.
  for (const target of ["handler", "baseline"] as const) {
    const started = performance.now();
    const response = await fetch(urls[target], { method: "POST", headers: call.headers, body: call.body });
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200 || !text.includes("MigratePassword"))
      throw new Error(`${target}: ${response.status}`);
    if (i >= WARM_UP) samples[target].push(elapsed);
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const rows = (["handler", "baseline"] as const).map((target) => ({
  target,
  p50: percentile(samples[target], 50),
  p99: percentile(samples[target], 99),
}));
const [h, b] = rows;
console.log(
  `JIT handler latency, ${REQUESTS} sequential calls each (after ${WARM_UP} warm-up), Node ${process.version}`,
);
for (const row of rows)
  console.log(`  ${row.target.padEnd(9)} p50 ${row.p50.toFixed(2)} ms   p99 ${row.p99.toFixed(2)} ms`);
if (h !== undefined && b !== undefined) {
  console.log(
    `  handler's own cost: p50 +${(h.p50 - b.p50).toFixed(2)} ms, p99 +${(h.p99 - b.p99).toFixed(2)} ms (of the extension's 2000 ms timeout)`,
  );
}
for (const server of Object.values(servers)) server.close();
await tenant.close();
