// Runs an import in a child process (helpers/import-child.ts) that a test kills with SIGKILL when the
// journal holds a given number of commits; the kill points are seeded so a failure can be replayed.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { childEnv } from "./child-client.ts";
import type { CoreEmulator } from "./emulator.ts";

/** The seed of kill points: CIAMKIT_FAULT_SEED, else a fixed one. */
export const FAULT_SEED = Number(process.env.CIAMKIT_FAULT_SEED ?? "20261128");

/** `count` integers in [min, max) drawn from `seed` (mulberry32), in draw order. */
export function seededInts(seed: number, count: number, min: number, max: number): number[] {
  let a = seed | 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    out.push(min + Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * (max - min)));
  }
  return out;
}

/** Rows the journal records as created (a line torn by a kill is skipped, as the import does). */
export function committedRows(journalFile: string): number {
  if (!existsSync(journalFile)) return 0;
  let n = 0;
  for (const line of readFileSync(journalFile, "utf8").split("\n")) {
    try {
      if ((JSON.parse(line) as { s?: string }).s === "created") n++;
    } catch {
      // torn or empty
    }
  }
  return n;
}

/** Starts the import child against the test emulator's demo tenant. */
export function startImportChild(t: CoreEmulator, file: string, journalFile: string): ChildProcess {
  return spawn(
    process.execPath,
    ["--conditions=@ciamkit/source", new URL("./import-child.ts", import.meta.url).pathname],
    {
      env: childEnv(t, "CIAMKIT_IMPORT_CHILD", { file, journalFile }),
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
}

/**
 * Runs the child until the journal holds `commits` created rows, then SIGKILLs it. Resolves with its
 * stderr and whether it was still running at the kill (false: it finished or failed first).
 */
export async function killAfterCommits(
  t: CoreEmulator,
  file: string,
  journalFile: string,
  commits: number,
): Promise<{ killed: boolean; stderr: string }> {
  const child = startImportChild(t, file, journalFile);
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  while (committedRows(journalFile) < commits && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 20));
  const killed = child.exitCode === null;
  child.kill("SIGKILL");
  await exited;
  return { killed, stderr };
}
