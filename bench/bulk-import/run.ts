// Imports the same 20,000 users three times against the emulator with Graph's published write
// budget (3,000 writes per 150 s per app and tenant, a token bucket that starts full), time-scaled:
// ciamkit's importUsers, then @microsoft/microsoft-graph-client one user at a time, then its
// BatchRequestContent with 4 batches in flight. Each contender runs in its own process (its peak RSS
// is its own) against a freshly reset directory. Usage, from the repo root:
//   source scripts/toolchain.sh && pnpm --filter @ciamkit/bench-bulk-import bench
// Env: BENCH_USERS (20000), BENCH_TIME_SCALE (5), BENCH_LATENCY_MS (200 per create, Graph's time,
// scaled like the windows), BENCH_BATCH_LATENCY_MS (50 more per $batch), BENCH_MAX_SECONDS (240: a
// contender still running then stops and its wall time is projected), BENCH_ONLY (contender name
// parts, comma-separated), BENCH_INITIAL_RATE (ciamkit pacer start). Figures: README.md.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { TenantConnection } from "@ciamkit/emulator";
import { endRun } from "./contender.ts";

const users = Number(process.env.BENCH_USERS ?? "20000");
const timeScale = Number(process.env.BENCH_TIME_SCALE ?? "5");
const maxSeconds = process.env.BENCH_MAX_SECONDS ?? "240";
const only = process.env.BENCH_ONLY?.split(",");
// Graph's write quota per app and tenant (api-surface 11.6): capacity 3,000, refilled over 150 s.
const capacity = 3000;
const refillPerSecond = (capacity / 150) * timeScale;
// No client can finish sooner than this: the full bucket, then the refill rate.
const floorSeconds = Math.max(0, users - capacity) / refillPerSecond;

interface Ready {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
}

function ask<T>(child: ChildProcess, message?: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    if (message !== undefined) child.send(message as object);
  });
}

const dir = mkdtempSync(join(tmpdir(), "ciamkit-bench-bulk-"));
const file = join(dir, "users.csv");
const digits = (n: number) => [...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("");
writeFileSync(
  file,
  `displayName,signInName,password\n${Array.from({ length: users }, (_, i) => `Customer ${i},customer${i}@example.org,Zq!9${digits(i)}#kT`).join("\n")}\n`,
);

const emulator = fork(new URL("./emulator-child.ts", import.meta.url), {
  execArgv: ["--conditions=@ciamkit/source"],
  env: { ...process.env, BENCH_TIME_SCALE: String(timeScale) },
});
const ready = await ask<Ready>(emulator);
const caFile = join(dir, "ca.pem");
writeFileSync(caFile, ready.caCertPem);

const contenders = [
  { name: "ciamkit importUsers", script: "contender-ciamkit.ts", mode: "" },
  { name: "graph-client, one user at a time", script: "contender-graph-client.ts", mode: "serial" },
  { name: "graph-client, BatchRequestContent ×4", script: "contender-graph-client.ts", mode: "batch" },
].filter((c) => only === undefined || only.some((o) => c.name.includes(o)));

const results = [];
const loadBefore = loadavg();
for (const contender of contenders) {
  await ask(emulator, { cmd: "reset" });
  const child = fork(new URL(`./${contender.script}`, import.meta.url), {
    execArgv: ["--conditions=@ciamkit/source"],
    // graph-client's fetch only trusts the emulator through NODE_EXTRA_CA_CERTS, read at process start.
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: caFile,
      BENCH_MODE: contender.mode,
      BENCH_MAX_SECONDS: maxSeconds,
      BENCH_CONTENDER: JSON.stringify({ ...ready, file }),
    },
  });
  const figures = await ask<{
    seconds: number;
    created: number;
    failed: number;
    throttledSeen: number;
    requests: number;
    peakRssMB: number;
  }>(child);
  child.kill();
  const after = await ask<{ counters: { throttled: number; earlyRetries: number }; users: number }>(
    emulator,
    {
      cmd: "counters",
    },
  );
  const rate = figures.created / figures.seconds;
  // A contender stopped by BENCH_MAX_SECONDS: the time it would take for every user at the rate it held.
  const projected = figures.created < users && rate > 0 ? users / rate : figures.seconds;
  results.push({
    contender: contender.name,
    created: figures.created,
    failed: figures.failed,
    wallSeconds: Math.round(figures.seconds * 10) / 10,
    usersPerSecond: Math.round(rate * 10) / 10,
    // Fraction of the ceiling: the fastest possible time for this many users over the time taken.
    ...(projected === figures.seconds ? {} : { projectedWallSeconds: Math.round(projected) }),
    ofCeiling:
      figures.created === users || projected !== figures.seconds
        ? Math.round((floorSeconds / projected) * 1000) / 10
        : null,
    throttled429: after.counters.throttled,
    earlyRetries: after.counters.earlyRetries,
    requests: figures.requests,
    peakRssMB: figures.peakRssMB,
  });
  console.error(JSON.stringify(results.at(-1)));
}
const loadAfter = endRun(emulator, dir);
console.log(
  JSON.stringify(
    {
      users,
      timeScale,
      latencyMs: {
        create: Number(process.env.BENCH_LATENCY_MS ?? "200"),
        batch: Number(process.env.BENCH_BATCH_LATENCY_MS ?? "50"),
        scaledBy: timeScale,
      },
      ceiling: {
        writesPerSecond: refillPerSecond,
        burst: capacity,
        floorSeconds: Math.round(floorSeconds * 10) / 10,
      },
      node: process.version,
      loadAverage: { before: loadBefore.map((l) => l.toFixed(2)), after: loadAfter.map((l) => l.toFixed(2)) },
      results,
    },
    null,
    2,
  ),
);
