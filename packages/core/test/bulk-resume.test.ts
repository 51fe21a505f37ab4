import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importUsers } from "../src/bulk/import-users.ts";
import { throttleWrites, useBulkEmulator } from "./helpers/bulk-env.ts";
import { customer, signInNames, writeCsv } from "./helpers/bulk-files.ts";
import { FAULT_SEED, killAfterCommits, seededInts } from "./helpers/kill-runs.ts";

const { t, admin, tmp } = useBulkEmulator({ emulator: { requestLogSize: 100_000 } });

/** Writes `valid` good rows and `invalid` bad ones (interleaved) and returns the file. */
function inputFile(valid: number, invalid: number, prefix: string): string {
  const rows: Record<string, string>[] = [];
  for (let i = 1; i <= valid; i++) {
    rows.push(customer(i, prefix));
    if (i <= invalid) rows.push({ ...customer(i, `bad${prefix}`), password: "weak" });
  }
  const file = tmp.path(`${prefix}.csv`);
  writeCsv(file, rows, ["displayName", "signInName", "password"]);
  return file;
}

/** The file's identities in the directory: every valid one exactly once, no invalid one. */
function expectExactlyOnce(prefix: string, valid: number): void {
  const names = signInNames(t.emu, t.tenant.tenantId);
  const ours = [...names.entries()].filter(([n]) => n.startsWith(prefix) || n.startsWith(`bad${prefix}`));
  expect(ours.length).toBe(valid);
  expect(ours.every(([n, count]) => count === 1 && n.startsWith(prefix))).toBe(true);
}

const batchItems = (status: number) =>
  t.emu.control.monitor
    .requests()
    .filter((r) => r.service === "batch-item" && r.method === "POST" && r.status === status).length;

describe("user import: resumable and fault-tolerant", () => {
  it("continues after an abort mid-run and creates everyone once", async () => {
    await throttleWrites(t);
    const file = inputFile(120, 0, "abort");
    const journalFile = tmp.path("journal.jsonl");
    const controller = new AbortController();
    const first = importUsers(
      admin.context({
        signal: controller.signal,
        onProgress: (p) => {
          if ((p.done ?? 0) >= 40) controller.abort(new Error("stopped by the user"));
        },
      }),
      { file, journalFile },
    );
    await expect(first).rejects.toThrow(/stopped by the user/);
    const partial = signInNames(t.emu, t.tenant.tenantId);
    const createdBefore = [...partial.keys()].filter((n) => n.startsWith("abort")).length;
    expect(createdBefore).toBeGreaterThan(0);
    expect(createdBefore).toBeLessThan(120);

    // The rerun goes straight into the budget the first run drained, as a user retrying at once does:
    // the pacer measures the refill rate from there instead of taking one accepted write as the quota.
    const report = await importUsers(admin.context(), { file, journalFile });
    expect(report.created).toBe(120);
    expect(report.resumed).toBeGreaterThan(0);
    expect(report.skipped + report.failed).toBe(0);
    expectExactlyOnce("abort", 120);
  });

  it("a journal line torn by a crash is ended, so the rerun's own entries stay readable", async () => {
    const file = inputFile(5, 0, "torn");
    const journalFile = tmp.path("journal.jsonl");
    await importUsers(admin.context(), { file, journalFile });
    // A crash lost the commits of the rows on lines 5 and 6 (rows 4 and 5) and tore the next line.
    const kept = readFileSync(journalFile, "utf8")
      .split("\n")
      .filter((l) => l !== "" && !/"s":"created","line":[56]\b/.test(l));
    expect(kept).toHaveLength(1 + 5 + 3); // the binding, five creates sent, three committed
    writeFileSync(journalFile, `${kept.join("\n")}\n{"k":"half-writ`);
    const second = await importUsers(admin.context(), { file, journalFile });
    // Rows 4 and 5 come back as conflicts with users made after their first attempt: created, not skipped.
    expect(second).toMatchObject({ created: 5, resumed: 3, skipped: 0 });
    const lines = readFileSync(journalFile, "utf8").split("\n").filter(Boolean);
    const unreadable = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(unreadable).toEqual(['{"k":"half-writ']);
    const third = await importUsers(admin.context(), { file, journalFile });
    expect(third).toMatchObject({ created: 5, resumed: 5, envelopes: 0 });
  });

  it("seeded 5% 503s, 1% dropped connections and a 429 storm: every valid row once, counts match the emulator", async () => {
    await t.control("PUT", "/faults", {
      seed: 8,
      rules: [
        { method: "POST", path: "/users", fault: { kind: "error", status: 503 }, probability: 0.05 },
        { method: "POST", path: "/users", fault: { kind: "drop", when: "after" }, probability: 0.01 },
      ],
    });
    // A write budget of 200 refilled at 40 a second, and a client told to start ten times faster: a storm of 429s.
    await t.control("PUT", "/throttling", { enabled: true, timeScale: 30, limits: { appTenantWrites: 200 } });
    const file = inputFile(400, 15, "storm");
    const journalFile = tmp.path("journal.jsonl");
    const report = await importUsers(admin.context(), { file, journalFile, initialRate: 400 });
    expect(report).toMatchObject({ rows: 415, created: 400, rejected: 15, failed: 0, skipped: 0 });
    expectExactlyOnce("storm", 400);
    const counters = t.emu.control.monitor.counters();
    expect(report.throttled).toBeGreaterThan(0);
    // Every 429 the emulator answered reached the client, except inside envelopes whose connection was dropped.
    const droppedEnvelopes = t.emu.control.monitor
      .requests()
      .filter((r) => r.service === "graph" && r.path.includes("$batch") && r.status === 0).length;
    expect(report.throttled).toBeLessThanOrEqual(batchItems(429));
    expect(batchItems(429) - report.throttled).toBeLessThanOrEqual(20 * droppedEnvelopes);
    expect(counters.byStatus["503"] ?? 0).toBeGreaterThan(0);
    expect(counters.byStatus["0"] ?? 0).toBeGreaterThan(0);
    // Created = answered 201 plus creates whose answer was lost and that were reconciled.
    expect(report.created).toBeGreaterThanOrEqual(batchItems(201));
    expect(report.created).toBeLessThanOrEqual(batchItems(201) + batchItems(0));
  });

  it("a run killed with SIGKILL at a random point is finished by a rerun without duplicates", async () => {
    await throttleWrites(t);
    const file = inputFile(150, 5, "kill");
    const journalFile = tmp.path("journal.jsonl");
    const [killAfter = 20] = seededInts(FAULT_SEED, 1, 20, 100);
    const run = await killAfterCommits(t, file, journalFile, killAfter);
    expect(run.killed, run.stderr).toBe(true);
    const before = [...signInNames(t.emu, t.tenant.tenantId).keys()].filter((n) =>
      n.startsWith("kill"),
    ).length;
    expect(before).toBeGreaterThanOrEqual(killAfter);
    expect(before).toBeLessThan(150);

    // Straight into the drained budget again (see above).
    const report = await importUsers(admin.context(), { file, journalFile });
    const seed = `CIAMKIT_FAULT_SEED=${FAULT_SEED}, killed after ${killAfter} commits`;
    expect(report, seed).toMatchObject({ created: 150, rejected: 5, failed: 0, skipped: 0 });
    expect(report.resumed, seed).toBeGreaterThanOrEqual(killAfter);
    expectExactlyOnce("kill", 150);
    // Nothing was lost in transit here, so every user is exactly one 201 the emulator answered, in
    // either run (the killed run's last creates included: the emulator finished them for a dead socket).
    expect(batchItems(201), seed).toBe(report.created);
  }, 60_000);
});
