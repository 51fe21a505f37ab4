// The "done when" fault run of bulk import: seeded 503s and dropped connections while the importing
// process is killed (SIGKILL) at several seeded points, each time rerun with the same journal. The
// directory must end with exactly the valid rows, each once, and the report must agree with what the
// emulator answered.
import { expect, it } from "vitest";
import { importUsers } from "../src/bulk/import-users.ts";
import { throttleWrites, useBulkEmulator } from "./helpers/bulk-env.ts";
import { customer, signInNames, writeCsv } from "./helpers/bulk-files.ts";
import { FAULT_SEED, killAfterCommits, seededInts } from "./helpers/kill-runs.ts";

const { t, tmp } = useBulkEmulator({ emulator: { requestLogSize: 100_000 } });

/** 20 writes a second; set again before each run so a rerun starts with a full budget (see bulk-resume). */
const budget = () => throttleWrites(t);

const batchItems = (status: number) =>
  t.emu.control.monitor
    .requests()
    .filter((r) => r.service === "batch-item" && r.method === "POST" && r.status === status).length;

it("5% 503s, 1% dropped connections, killed three times at seeded points: every valid row once, counts match", async () => {
  await t.control("PUT", "/faults", {
    seed: FAULT_SEED,
    rules: [
      { method: "POST", path: "/users", fault: { kind: "error", status: 503 }, probability: 0.05 },
      { method: "POST", path: "/users", fault: { kind: "drop", when: "after" }, probability: 0.01 },
    ],
  });
  const valid = 240;
  const rows: Record<string, string>[] = [];
  for (let i = 1; i <= valid; i++) {
    rows.push(customer(i, "fault"));
    if (i % 40 === 0) rows.push({ ...customer(i, "badfault"), password: "weak" });
  }
  const file = tmp.path("faults.csv");
  writeCsv(file, rows, ["displayName", "signInName", "password"]);
  const journalFile = tmp.path("faults.journal.jsonl");

  // Three kill points, each some commits after the last, all well before the end.
  const steps = seededInts(FAULT_SEED, 3, 10, 60);
  const replay = `CIAMKIT_FAULT_SEED=${FAULT_SEED}, kills after ${steps.join("+")} more commits`;
  let target = 0;
  for (const step of steps) {
    target += step;
    await budget();
    const run = await killAfterCommits(t, file, journalFile, target);
    expect(run.killed, `${replay}: the child ended before its kill\n${run.stderr}`).toBe(true);
  }
  const mine = () => [...signInNames(t.emu, t.tenant.tenantId)].filter(([n]) => n.includes("fault"));
  expect(mine().length, replay).toBeLessThan(valid);

  await budget();
  const report = await importUsers(t.client().context(), { file, journalFile });
  expect(report, replay).toMatchObject({
    rows: valid + 6,
    created: valid,
    rejected: 6,
    failed: 0,
    skipped: 0,
  });
  expect(report.resumed, replay).toBeGreaterThanOrEqual(target);
  const users = mine();
  expect(users.length, replay).toBe(valid);
  expect(
    users.every(([name, count]) => count === 1 && name.startsWith("fault")),
    replay,
  ).toBe(true);

  // The faults did happen, and every user the report counts is a create the emulator made: one
  // answered 201, or one whose answer was dropped after the write (reconciled by the journal).
  const counters = t.emu.control.monitor.counters();
  expect(counters.byStatus["503"] ?? 0, replay).toBeGreaterThan(0);
  expect(batchItems(201), replay).toBeLessThanOrEqual(report.created);
  expect(report.created, replay).toBeLessThanOrEqual(batchItems(201) + batchItems(0));
}, 120_000);
