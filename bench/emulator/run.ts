// Benchmark of the emulator: GET /v1.0/users/{id} requests per second (keep-alive, 2 concurrent
// clients) beside a bare node:https server answering the same bytes, and seeding 100k users.
// Run: pnpm --filter @ciamkit/bench-emulator bench   (BENCH_SECONDS=5 BENCH_USERS=100000 by default)
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { generateTls, startEmulator } from "@ciamkit/emulator";
import { Agent, request } from "undici";

const SECONDS = Number(process.env.BENCH_SECONDS ?? "5");
const USERS = Number(process.env.BENCH_USERS ?? "100000");
const CLIENTS = 2;
const TARGETS = { requestsPerSecond: 2000, seedSeconds: 10, rssMb: 600 };

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const tls = await generateTls();
const rssBefore = process.memoryUsage().rss;
// Throttling off: the published budget (8,000 RU / 10 s for a large tenant) would cap the run at
// 800 requests/s, which measures the budget, not the server.
const emu = await startEmulator({ tls, throttling: false, requestLogSize: 1000 });
const tenant = emu.tenants[0];
if (tenant === undefined) throw new Error("the demo tenant is missing");

const seedStart = performance.now();
emu.control.seedUsers(tenant.tenantId, USERS);
const seedSeconds = (performance.now() - seedStart) / 1000;
const rssAfterSeed = process.memoryUsage().rss;

const trust = new Agent({ connect: { ca: tls.ca } });
const tokenResponse = await request(`${tenant.authority}/oauth2/v2.0/token`, {
  method: "POST",
  dispatcher: trust,
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({
    grant_type: "client_credentials",
    client_id: tenant.clientId,
    client_secret: tenant.clientSecret,
    scope: "https://graph.microsoft.com/.default",
  }).toString(),
});
const { access_token: token } = (await tokenResponse.body.json()) as { access_token: string };
const users = [...(emu.store.tenant(tenant.tenantId)?.collection("users").values() ?? [])];
const userUrl = `${emu.graphUrl}/v1.0/users/${String(users[Math.floor(users.length / 2)]?.id)}`;
const headers = { authorization: `Bearer ${token}` };

// The baseline answers exactly what the emulator answers, with no work behind it.
const sample = await request(userUrl, { dispatcher: trust, headers });
if (sample.statusCode !== 200) throw new Error(`GET user answered ${sample.statusCode}`);
const body = Buffer.from(await sample.body.arrayBuffer());
const contentType = String(sample.headers["content-type"]);
const baseline = createServer({ cert: tls.cert, key: tls.key, keepAliveTimeout: 30_000 }, (_req, res) => {
  res.writeHead(200, { "content-type": contentType, "content-length": body.length });
  res.end(body);
});
await new Promise<void>((resolve) => baseline.listen(0, "127.0.0.1", resolve));
const baselineUrl = `https://127.0.0.1:${(baseline.address() as AddressInfo).port}/v1.0/users/x`;

/** `CLIENTS` keep-alive clients, each sending one request after another for `seconds`. */
async function load(url: string, seconds: number): Promise<{ rps: number; errors: number }> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Agent({ connect: { ca: tls.ca }, connections: 1, keepAliveTimeout: 30_000 });
      while (performance.now() < until) {
        const res = await request(url, { dispatcher: client, headers });
        await res.body.arrayBuffer();
        if (res.statusCode === 200) done++;
        else errors++;
      }
      await client.close();
    }),
  );
  return { rps: done / ((performance.now() - start) / 1000), errors };
}

await load(userUrl, 1); // warm-up: JIT, TLS sessions, token cache
await load(baselineUrl, 1);
const emulator = await load(userUrl, SECONDS);
const bare = await load(baselineUrl, SECONDS);
const rssEnd = process.memoryUsage().rss;

baseline.close();
baseline.closeAllConnections();
await trust.close();
await emu.stop();

const pass = (ok: boolean) => (ok ? "ok" : "MISSED");
const lines = [
  `ciamkit emulator benchmark (node ${process.version}, ${SECONDS}s per run, ${CLIENTS} keep-alive clients, ${body.length}-byte user)`,
  `  GET /v1.0/users/{id}   emulator ${emulator.rps.toFixed(0)} req/s   baseline ${bare.rps.toFixed(0)} req/s   ratio ${(emulator.rps / bare.rps).toFixed(2)}   ${pass(emulator.rps >= TARGETS.requestsPerSecond)} (target >= ${TARGETS.requestsPerSecond})`,
  `  errors                 emulator ${emulator.errors}   baseline ${bare.errors}`,
  `  seed ${USERS} users     ${seedSeconds.toFixed(2)} s   ${pass(seedSeconds < TARGETS.seedSeconds)} (target < ${TARGETS.seedSeconds} s)`,
  `  RSS                    before ${mb(rssBefore)} MB, after seeding ${mb(rssAfterSeed)} MB, at end ${mb(rssEnd)} MB   ${pass(mb(Math.max(rssAfterSeed, rssEnd)) < TARGETS.rssMb)} (target < ${TARGETS.rssMb} MB)`,
];
process.stdout.write(`${lines.join("\n")}\n`);
process.stdout.write(
  `${JSON.stringify({
    emulatorRps: Math.round(emulator.rps),
    baselineRps: Math.round(bare.rps),
    ratio: Number((emulator.rps / bare.rps).toFixed(3)),
    seedUsers: USERS,
    seedSeconds: Number(seedSeconds.toFixed(3)),
    rssMbAfterSeed: mb(rssAfterSeed),
    rssMbEnd: mb(rssEnd),
  })}\n`,
);
