// The built `ciam-emulator` launcher, as users run it: --version, and one line with a documented exit
// code (2: wrong option or value, 3: cannot start) instead of a stack trace.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE, lockDataDir } from "../src/persist/dir-lock.ts";

const BIN = fileURLToPath(new URL("../bin/ciam-emulator.js", import.meta.url));
const BUILT = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ciam-emulator-bin-"));
  dirs.push(dir);
  return dir;
}
beforeAll(() => {
  if (!existsSync(BUILT)) {
    throw new Error(
      "packages/emulator is not built: run `pnpm exec turbo run build --filter @ciamkit/emulator` first",
    );
  }
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the bin to its exit (every case here exits before serving). */
function run(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Exactly one line on stderr, starting with the program's name: no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ciam-emulator: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0] as string;
}

describe("ciam-emulator (built)", () => {
  it("--version prints the package's version and exits 0", async () => {
    const r = await run(["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("--help lists --version and the exit codes", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--version");
    expect(r.stdout).toMatch(/Exit codes: 0 .* 2 wrong option or value,\n3 could not start/);
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'. See ciam-emulator --help."],
    [["--port"], "Option '--port <value>' argument missing. See ciam-emulator --help."],
    [["serve"], "Unexpected argument 'serve'. See ciam-emulator --help."],
    [
      ["--faults", "/no/such/faults.json"],
      "--faults: the file /no/such/faults.json cannot be read (ENOENT).",
    ],
    [["--time-scale", "0"], "--time-scale must be a positive number."],
  ])("%j: one line naming it, exit 2", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(`ciam-emulator: ${message}`);
    expect(r.stdout).toBe("");
  });

  it("a corrupt data dir: one line naming the file and what to do, exit 3, nothing changed", async () => {
    const dir = tempDir();
    const snapshot = join(dir, "snapshot.json");
    writeFileSync(snapshot, "{ torn");
    const r = await run(["--data-dir", dir]);
    expect(r.code).toBe(3);
    const line = oneLine(r.stderr);
    expect(line).toContain(`the data directory cannot be loaded: ${snapshot} is not valid JSON`);
    expect(line).toContain(`move the directory aside (mv '${dir}' '${dir}.corrupt')`);
    expect(readFileSync(snapshot, "utf8")).toBe("{ torn");
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("an unreadable data dir file: one line, exit 3", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "snapshot.json"));
    const r = await run(["--data-dir", dir]);
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr)).toContain(`${join(dir, "snapshot.json")} cannot be read (EISDIR)`);
  });

  it("a data dir in use by another process: one line naming it, exit 3", async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir, { holder: "ciam --emulator" });
    try {
      const r = await run(["--data-dir", dir]);
      expect(r.code).toBe(3);
      expect(oneLine(r.stderr)).toMatch(
        new RegExp(
          `^ciam-emulator: the data directory ${dir} is still in use by ciam --emulator \\(pid ${process.pid}, since .*\\); stop it first, or use another --data-dir\\.$`,
        ),
      );
    } finally {
      lock.release();
    }
  });
});
