// What every contender receives and reports.
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import type { TenantConnection } from "@ciamkit/emulator";

/** Connection details and the input file, passed in BENCH_CONTENDER. */
export interface ContenderConfig {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
  tenant: TenantConnection;
  file: string;
}

/** Sends the contender's figures to the orchestrator. */
export function finish(figures: {
  started: number;
  created: number;
  failed: number;
  throttledSeen: number;
  requests: number;
}): void {
  process.send?.({
    seconds: (performance.now() - figures.started) / 1000,
    created: figures.created,
    failed: figures.failed,
    throttledSeen: figures.throttledSeen,
    requests: figures.requests,
    // ru_maxrss is in kilobytes on Linux.
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
  });
}

/** The rows of the input CSV (displayName,signInName,password), streamed. */
export async function* csvRows(
  file: string,
): AsyncGenerator<{ displayName: string; signInName: string; password: string }> {
  const { createReadStream } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  let header = true;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (header) {
      header = false;
      continue;
    }
    const [displayName = "", signInName = "", password = ""] = line.split(",");
    yield { displayName, signInName, password };
  }
}

/** Ends a run: the load average as it stands, then the emulator child stopped and the run's files removed. */
export function endRun(emulator: ChildProcess, dir: string): number[] {
  const load = loadavg();
  emulator.send({ cmd: "stop" });
  rmSync(dir, { recursive: true, force: true });
  return load;
}
