// Pages every user of an emulated tenant through @ciamkit/core's paginate() and reports the client
// process's memory before, during (peak) and after, then does the same while keeping every user in
// an array, for contrast. Usage: pnpm --filter @ciamkit/bench-core-paging bench  (BENCH_USERS=100000).
import { fork } from "node:child_process";
import { clientSecretCredential, createCiamClient, customCloud, paginatePages } from "@ciamkit/core";
import type { TenantConnection } from "@ciamkit/emulator";

interface Ready {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
  users: number;
}

const child = fork(new URL("./emulator-child.ts", import.meta.url), {
  execArgv: ["--conditions=@ciamkit/source"],
  env: process.env,
});
const ready = await new Promise<Ready>((resolve) => child.once("message", (m) => resolve(m as Ready)));
const cloud = customCloud({
  authorityHost: ready.loginUrl,
  graphEndpoint: ready.graphUrl,
  armEndpoint: ready.armUrl,
  knownAuthorities: ready.tenant.knownAuthorities,
  ca: ready.caCertPem,
});
const client = createCiamClient({
  credential: clientSecretCredential({
    tenantId: ready.tenant.tenantId,
    clientId: ready.tenant.clientId,
    clientSecret: ready.tenant.clientSecret,
    cloud,
  }),
  tenantId: ready.tenant.tenantId,
  cloud,
});

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
async function pass(keep: boolean) {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let count = 0;
  let pages = 0;
  const kept: unknown[] = [];
  const started = performance.now();
  for await (const page of paginatePages(client.graph, "/users", {
    query: { $top: 999, $select: "id,displayName,mail,identities" },
  })) {
    count += page.items.length;
    pages++;
    if (keep) kept.push(...page.items);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const after = process.memoryUsage();
  return {
    mode: keep ? "collect all in an array (contrast)" : "paginate, constant memory",
    users: count,
    pages,
    seconds: Math.round(seconds * 10) / 10,
    rssBeforeMB: mb(before.rss),
    rssPeakMB: mb(peak),
    rssAfterMB: mb(after.rss),
    heapUsedBeforeMB: mb(before.heapUsed),
    heapUsedAfterMB: mb(after.heapUsed),
    externalAfterMB: mb(after.external),
    kept: kept.length,
  };
}

// Several constant-memory passes show whether RSS settles (allocator pools) or keeps growing (a leak).
const passes = Number(process.env.BENCH_PASSES ?? "5");
const results = [];
for (let i = 0; i < passes; i++) results.push(await pass(false));
results.push(await pass(true));
console.log(JSON.stringify({ emulatorUsers: ready.users, node: process.version, results }, null, 2));
await client.close();
child.send("stop");
