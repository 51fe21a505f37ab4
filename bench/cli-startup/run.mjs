// CPU time to start `ciam` against the CLI for Microsoft 365 (`m365`), side by side in one run.
// Usage: node bench/cli-startup/run.mjs [--runs N]   (after `pnpm build`; installs m365 into
// bench/cli-startup/.baseline on first use). CPU time = user + system time of the child process,
// read from bash's `times` builtin, median of N runs after one warm-up run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { installBaseline, median, requireBuilt, runsArgument, workspaceRoot } from "../startup-bench.mjs";

const M365_VERSION = "11.11.0";
const runs = runsArgument("cli-startup", 10);
const baselineDir = join(import.meta.dirname, ".baseline");
const m365 = join(baselineDir, "node_modules/.bin/m365");
const ciam = join(workspaceRoot, "apps/cli/bin/ciam.js");

requireBuilt("cli-startup", join(workspaceRoot, "apps/cli/dist/bin.js"));
installBaseline("cli-startup", baselineDir, "@pnp/cli-microsoft365", M365_VERSION, m365);

/** CPU seconds (user + sys) of one run of argv, measured by bash's `times` in a fresh shell. */
function cpuSeconds(argv) {
  const quoted = argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const out = spawnSync("bash", ["-c", `${quoted} >/dev/null 2>&1; status=$?; times; exit $status`], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", CLIMICROSOFT365_NOUPDATE: "1" },
  });
  if (out.status !== 0) throw new Error(`${argv.join(" ")} exited ${out.status}`);
  // `times` prints the shell's own times, then its children's: "0m0.812s 0m0.169s".
  const children = out.stdout.trim().split("\n").at(-1) ?? "";
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return seconds.reduce((a, b) => a + b, 0);
}

function medianCpu(argv) {
  cpuSeconds(argv); // warm-up: file system cache
  return median(Array.from({ length: runs }, () => cpuSeconds(argv)));
}

const cases = [
  {
    name: "version",
    ours: [process.execPath, ciam, "--version"],
    theirs: [process.execPath, m365, "version"],
  },
  {
    name: "user list --help",
    ours: [process.execPath, ciam, "user", "list", "--help"],
    theirs: [process.execPath, m365, "entra", "user", "list", "--help"],
  },
];

console.log(`node ${process.version}, ${runs} runs each, median CPU seconds (user+sys)`);
console.log("case                 ciam      m365      ciam/m365");
for (const c of cases) {
  const ours = medianCpu(c.ours);
  const theirs = medianCpu(c.theirs);
  console.log(
    `${c.name.padEnd(20)} ${ours.toFixed(3).padStart(6)}s  ${theirs.toFixed(3).padStart(6)}s  ${(ours / theirs).toFixed(3)}`,
  );
}
