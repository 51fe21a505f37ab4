// ciamkit: importUsers with its defaults (adaptive pacing, $batch, journal).
import { importUsers } from "@ciamkit/core";
import { ciamkitClient } from "./ciamkit-client.ts";
import { type ContenderConfig, finish } from "./contender.ts";

const config = JSON.parse(process.env.BENCH_CONTENDER ?? "{}") as ContenderConfig;
const client = ciamkitClient(config);
const started = performance.now();
const report = await importUsers(client.context(), {
  file: config.file,
  journalFile: `${config.file}.journal`,
  ...(process.env.BENCH_INITIAL_RATE ? { initialRate: Number(process.env.BENCH_INITIAL_RATE) } : {}),
});
finish({
  started,
  created: report.created,
  failed: report.failed + report.rejected,
  throttledSeen: report.throttled,
  requests: report.envelopes,
});
await client.close();
