import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};
const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url));

/** Runs the CLI from source as a subprocess, the way a user's shell does. */
function ciam(...args: string[]) {
  return spawnSync(process.execPath, ["--conditions=@ciamkit/source", bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("ciam", () => {
  it("prints its version and exits 0", () => {
    const run = ciam("--version");
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(pkg.version);
    expect(run.status).toBe(0);
  });

  it("rejects an unknown option with exit code 2 and says how to get help", () => {
    const run = ciam("--no-such-option");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-option'");
    expect(run.stderr).toContain("ciam --help");
  });
});
