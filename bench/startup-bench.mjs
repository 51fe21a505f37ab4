// What bench/cli-startup and bench/mcp-startup share: the `--runs N` argument, the check that the
// workspace is built, and the pinned baseline installed with npm into the bench's `.baseline`
// folder on first use (git-ignored, so the workspace install CI runs does not carry it).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** `--runs N` of the command line, or `fallback`; exits with a usage error for a bad value. */
export function runsArgument(bench, fallback) {
  const at = process.argv.indexOf("--runs");
  const runs = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`${bench}: --runs takes a whole number of at least 1`);
    process.exit(2);
  }
  return runs;
}

/** Exits with a hint when `file` (a built bin) is missing. */
export function requireBuilt(bench, file) {
  if (!existsSync(file)) {
    console.error(`${bench}: build first (pnpm build)`);
    process.exit(2);
  }
}

/** Installs `name@version` into `dir` unless `probe` (a file it provides) exists already. */
export function installBaseline(bench, dir, name, version, probe) {
  if (existsSync(probe)) return;
  console.error(`${bench}: installing ${name}@${version} into ${dir}`);
  execFileSync(
    "npm",
    ["install", "--silent", "--no-audit", "--no-fund", "--prefix", dir, `${name}@${version}`],
    {
      stdio: "inherit",
    },
  );
}

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const workspaceRoot = join(import.meta.dirname, "..");
