// Peak RSS of a dry run over a large file (default 1,000,000 rows), in a process that does nothing
// else: this orchestrator makes the input in one child (dry-run-input.ts), runs the emulator in
// another, and the dry run in a third (dry-run-child.ts), whose ru_maxrss is the figure. BENCH_ROWS
// sets the size, BENCH_CHECK_ROWS the size of a second run that also looks every user up (reads
// through $batch). Usage, from the repo root:
//   source scripts/toolchain.sh && pnpm --filter @ciamkit/bench-bulk-import bench:dry-run-rss
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { endRun } from "./contender.ts";

const rows = Number(process.env.BENCH_ROWS ?? "1000000");
const checkRows = Number(process.env.BENCH_CHECK_ROWS ?? "20000");
const dir = mkdtempSync(join(tmpdir(), "ciamkit-bench-dry-"));
const execArgv = ["--conditions=@ciamkit/source"];

function answer<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as T));
    child.once("exit", (code) => reject(new Error(`${String(child.spawnargs.at(-1))} exited with ${code}`)));
  });
}

const emulator = fork(new URL("./emulator-child.ts", import.meta.url), {
  execArgv,
  // Validation only: no throttling, no latency (existence checks are reads, outside the write quota).
  env: {
    ...process.env,
    BENCH_TIME_SCALE: "1",
    BENCH_THROTTLING: "off",
    BENCH_LATENCY_MS: "0",
    BENCH_BATCH_LATENCY_MS: "0",
  },
});
const ready = await answer<object>(emulator);
const loadBefore = loadavg();
const results = [];
for (const [n, checkExisting] of [
  [rows, false],
  [checkRows, true],
] as const) {
  const file = join(dir, `rows-${n}.csv`);
  await answer(
    fork(new URL("./dry-run-input.ts", import.meta.url), {
      execArgv,
      env: { ...process.env, BENCH_FILE: file, BENCH_ROWS: String(n) },
    }),
  );
  const result = await answer<Record<string, unknown>>(
    fork(new URL("./dry-run-child.ts", import.meta.url), {
      execArgv,
      env: {
        ...process.env,
        BENCH_CONTENDER: JSON.stringify({ ...ready, file }),
        BENCH_CHECK_EXISTING: String(checkExisting),
      },
    }),
  );
  results.push({ rows: n, checkExisting, ...result });
  console.error(JSON.stringify(results.at(-1)));
}
const loadAfter = endRun(emulator, dir);
console.log(
  JSON.stringify(
    {
      node: process.version,
      loadAverage: { before: loadBefore.map((l) => l.toFixed(2)), after: loadAfter.map((l) => l.toFixed(2)) },
      results,
    },
    null,
    2,
  ),
);
