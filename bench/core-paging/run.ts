// Pages every user of an emulated tenant through @ciamkit/core's paginate() and reports the client
// process's memory before, during (peak) and after, then does the same while keeping every user in
// an array, for contrast. Usage: pnpm --filter @ciamkit/bench-core-paging bench  (BENCH_USERS=100000).
import { createCiamClient, paginatePages } from "@ciamkit/core";
import { connectEmulatorChild, mb } from "./emulator-connection.ts";

const { child, ready, cloud, credential } = await connectEmulatorChild();
const client = createCiamClient({ credential, tenantId: ready.tenant.tenantId, cloud });

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
