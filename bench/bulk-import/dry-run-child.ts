// One dry run (BENCH_CONTENDER: the emulator's connection and the file; BENCH_CHECK_EXISTING), in a
// process that holds nothing else, so its peak RSS is the dry run's own. Sends the figures over IPC.
import { importUsers } from "@ciamkit/core";
import { ciamkitClient } from "./ciamkit-client.ts";
import type { ContenderConfig } from "./contender.ts";

const config = JSON.parse(process.env.BENCH_CONTENDER ?? "{}") as ContenderConfig;
const client = ciamkitClient(config);
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const report = await importUsers(client.context(), {
  file: config.file,
  dryRun: true,
  checkExisting: process.env.BENCH_CHECK_EXISTING === "true",
});
const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
process.send?.({
  valid: report.wouldCreate + report.existing,
  rejected: report.rejected,
  seconds: Math.round((performance.now() - started) / 100) / 10,
  rssBeforeMB: mb(rssBefore),
  // ru_maxrss is in kilobytes on Linux.
  peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
  heapUsedMB: mb(process.memoryUsage().heapUsed),
});
await client.close();
process.disconnect?.();
