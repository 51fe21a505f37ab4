// `ciam user import <file>` and `ciam user export <file>`: the built bin against the emulator, including
// Ctrl-C and SIGKILL in the middle of an import and the rerun that finishes it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BIN, ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let dir: string;
let fileCount = 0;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ throttling: false });
  dir = t.bare.HOME ?? "";
});
afterAll(async () => t?.close());
beforeEach(() => {
  t.emulator.control.throttler.configure({ enabled: false });
  t.emulator.control.monitor.reset();
});

/** A password of the emulator's rule with no digit run of the user's name in it. */
const password = (n: number) => `Zq!9${[...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("")}#kT`;

/** A legacy-looking CSV (columns that need a mapping): `valid` good rows, then `invalid` with weak passwords. */
function legacyCsv(prefix: string, valid: number, invalid = 0): string {
  const lines = ["email,full_name,pw"];
  for (let i = 1; i <= valid; i++) lines.push(`${prefix}${i}@legacy.test,Legacy ${i},${password(i)}`);
  for (let i = 1; i <= invalid; i++) lines.push(`bad${prefix}${i}@legacy.test,Bad ${i},weak`);
  const file = join(dir, `${prefix}-${++fileCount}.csv`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const MAP = ["--map", "signInName=email", "--map", "displayName=full_name", "--map", "password=pw"];

/** How many users hold each sign-in name starting with `prefix`. */
function holders(prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  const users = t.emulator.store.tenant(t.emulator.tenants[0]?.tenantId ?? "")?.collection("users");
  for (const user of users?.values() ?? []) {
    for (const id of (user.identities ?? []) as { issuerAssignedId?: string }[]) {
      const name = String(id.issuerAssignedId ?? "").toLowerCase();
      if (name.startsWith(prefix) || name.startsWith(`bad${prefix}`))
        counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return counts;
}

/** Every valid row's user exists exactly once, and no invalid row's. */
function expectExactlyOnce(prefix: string, valid: number): void {
  const counts = holders(prefix);
  expect(counts.size).toBe(valid);
  expect([...counts].every(([name, n]) => n === 1 && name.startsWith(prefix))).toBe(true);
}

const created201 = () =>
  t.emulator.control.monitor
    .requests()
    .filter((r) => r.service === "batch-item" && r.method === "POST" && r.status === 201).length;

interface ImportReport {
  rows: number;
  created: number;
  rejected: number;
  failed: number;
  skipped: number;
  resumed: number;
  summary: string;
}

describe("ciam user import <file>", () => {
  it("imports the positional file with --map entries, writes rejects, and exits 7 when rows were rejected", async () => {
    const file = legacyCsv("pos", 30, 2);
    const rejects = join(dir, "pos-rejects.jsonl");
    const run = await ciam(["user", "import", file, ...MAP, "--reject-file", rejects, "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(7);
    expect(json<ImportReport>(run)).toMatchObject({ rows: 32, created: 30, rejected: 2, failed: 0 });
    expectExactlyOnce("pos", 30);
    const rejected = readFileSync(rejects, "utf8").trim().split("\n");
    expect(rejected).toHaveLength(2);
    expect(rejected.join("\n")).not.toContain("weak");
    // Without a terminal: plain progress lines on stderr, the last one complete.
    const lines = run.stderr.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^importing: 30 created, 2 rejected, 0 failed 32\/32( [\d.]+\/s)?$/);
  });

  it("exits 0 with the summary on a clean import, and the journal makes a rerun a no-op", async () => {
    const file = legacyCsv("clean", 5);
    const first = await ciam(["user", "import", file, ...MAP, "-o", "table"], t.env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Imported 5 rows in [\d.]+ s: 5 created, 0 updated, 0 skipped/);
    expect(existsSync(`${file}.journal.jsonl`)).toBe(true);
    const again = json<ImportReport>(await ciam(["user", "import", file, ...MAP, "-o", "json"], t.env));
    expect(again).toMatchObject({ created: 5, resumed: 5, skipped: 0 });
    expectExactlyOnce("clean", 5);
  });

  it("still takes --file; the positional argument wins over it", async () => {
    const file = legacyCsv("flag", 3);
    const byFlag = await ciam(["user", "import", "--file", file, ...MAP, "--dry-run", "-o", "json"], t.env);
    expect(byFlag.status, byFlag.stderr).toBe(0);
    expect(json<{ wouldCreate: number }>(byFlag).wouldCreate).toBe(3);
    const both = await ciam(
      ["user", "import", file, "--file", join(dir, "missing.csv"), ...MAP, "--dry-run", "-o", "json"],
      t.env,
    );
    expect(both.status, both.stderr).toBe(0);
    expect(json<{ wouldCreate: number }>(both).wouldCreate).toBe(3);
  });

  it("takes --mapping as a YAML file, with --map entries over it", async () => {
    const file = legacyCsv("yaml", 2);
    const mapping = join(dir, "mapping.yaml");
    writeFileSync(mapping, "columns:\n  signInName: email\n  displayName: email\n  password: pw\n");
    const run = await ciam(
      ["user", "import", file, "--mapping", mapping, "--map", "displayName=full_name", "-o", "json"],
      t.env,
    );
    expect(run.status, run.stderr).toBe(0);
    const users = t.emulator.store.tenant(t.emulator.tenants[0]?.tenantId ?? "")?.collection("users");
    const yaml1 = [...(users?.values() ?? [])].find((u) =>
      JSON.stringify(u.identities).includes("yaml1@legacy.test"),
    );
    expect(yaml1?.displayName).toBe("Legacy 1");
    expectExactlyOnce("yaml", 2);
  });

  it.each([
    [
      "no file",
      ["user", "import"],
      /invalid input: give the data to import as exactly one of file, content, rows \(see `ciam user import --help`\)/,
    ],
    ["two files", ["user", "import", "a.csv", "b.csv"], /too many arguments/],
    [
      "a bad --map entry",
      ["user", "import", "a.csv", "--map", "nickname=x"],
      /invalid --map: expected <field>=<column>/,
    ],
  ])("%s: one usage line, exit 2, no request", async (_name, args, message) => {
    const before = t.requests();
    const run = await ciam(args, t.env);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(t.requests()).toBe(before);
  });

  it("documents the argument in its help, usage line and example", async () => {
    const help = await ciam(["user", "import", "--help"], t.bare);
    expect(help.stdout).toMatch(/^Usage: ciam user import \[options\] \[file\]$/m);
    expect(help.stdout).toMatch(/^Arguments:\n {2}file {2,}The CSV/m);
    expect(help.stdout).toContain("ciam user import users.csv\n");
  });
});

/** Runs `ciam args` as a child whose process the test can signal. */
function startCiam(args: string[]): {
  child: ChildProcess;
  done: Promise<{ status: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { env: t.env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const done = new Promise<{ status: number | null; stderr: string }>((resolve) =>
    child.once("close", (status) => resolve({ status, stderr })),
  );
  return { child, done };
}

/**
 * Rows the journal says are committed. Read while the child appends, the last line can be half
 * written: it is skipped, as the import skips a line torn by a kill.
 */
function committed(journal: string): number {
  if (!existsSync(journal)) return 0;
  let n = 0;
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    try {
      if ((JSON.parse(line) as { s?: string }).s === "created") n++;
    } catch {
      // half written, or empty
    }
  }
  return n;
}

/** Waits until the journal holds `n` commits (or the child ended). */
async function untilCommitted(journal: string, n: number, child: ChildProcess): Promise<void> {
  while (committed(journal) < n && child.exitCode === null) await sleep(20);
}

/** The seeded kill point (CIAMKIT_FAULT_SEED replays a failure): an integer in [min, max). */
function seeded(min: number, max: number): number {
  const seed = Number(process.env.CIAMKIT_FAULT_SEED ?? "8");
  return min + ((Math.imul(seed ^ 0x5bd1e995, 2654435761) >>> 0) % (max - min));
}

describe("interrupted imports", () => {
  // 20 writes per second: the run lasts a few seconds, long enough to be interrupted.
  const slow = () =>
    t.emulator.control.throttler.configure({
      enabled: true,
      timeScale: 150,
      limits: { appTenantWrites: 20 },
    });

  it("Ctrl-C stops cleanly (exit 130, journal consistent) and the same command finishes the import", async () => {
    slow();
    const file = legacyCsv("sigint", 120, 3);
    const journal = `${file}.journal.jsonl`;
    const { child, done } = startCiam(["user", "import", file, ...MAP, "-o", "json"]);
    await untilCommitted(journal, 20, child);
    child.kill("SIGINT");
    const stopped = await done;
    expect(stopped.status, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain("ciam: error: cancelled");
    // A clean stop leaves no half-written line: every line of the journal parses.
    const lines = readFileSync(journal, "utf8").split("\n").filter(Boolean);
    expect(lines.filter((l) => !/^\{.*\}$/.test(l) || JSON.parse(l) === null)).toEqual([]);
    const before = committed(journal);
    expect(before).toBeGreaterThanOrEqual(20);
    expect(before).toBeLessThan(120);

    slow(); // a fresh budget: see bulk-resume.test.ts in core for why
    const rerun = await ciam(["user", "import", file, ...MAP, "-o", "json"], t.env);
    expect(rerun.status, rerun.stderr).toBe(7);
    const report = json<ImportReport>(rerun);
    expect(report).toMatchObject({ rows: 123, created: 120, rejected: 3, failed: 0, skipped: 0 });
    expect(report.resumed).toBeGreaterThanOrEqual(before);
    expectExactlyOnce("sigint", 120);
  });

  it("SIGKILL at a seeded point, then the same command: every valid row once, counts match the emulator", async () => {
    slow();
    const file = legacyCsv("sigkill", 150, 4);
    const journal = `${file}.journal.jsonl`;
    const killAt = seeded(10, 110);
    const { child, done } = startCiam(["user", "import", file, ...MAP, "-o", "json"]);
    await untilCommitted(journal, killAt, child);
    expect(child.exitCode, `finished before the kill at ${killAt}`).toBeNull();
    child.kill("SIGKILL");
    await done;
    expect(holders("sigkill").size).toBeLessThan(150);

    slow();
    const rerun = await ciam(["user", "import", file, ...MAP, "-o", "json"], t.env);
    const report = json<ImportReport>(rerun);
    const replay = `CIAMKIT_FAULT_SEED=${process.env.CIAMKIT_FAULT_SEED ?? "8"}, killed at ${killAt}`;
    expect(report, replay).toMatchObject({ rows: 154, created: 150, rejected: 4, failed: 0, skipped: 0 });
    expectExactlyOnce("sigkill", 150);
    // No answer was lost on the wire, so each user is one 201 of the emulator, in either run.
    expect(created201(), replay).toBe(report.created);
  });
});

describe("ciam user export <file>", () => {
  it("writes the positional file and removes its resume state", async () => {
    const out = join(dir, "users.jsonl");
    const run = await ciam(["user", "export", out, "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(0);
    const result = json<{ exported: number; file: string }>(run);
    expect(result.exported).toBeGreaterThan(0);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(result.exported);
    expect(existsSync(`${out}.state.json`)).toBe(false);
  });
});
