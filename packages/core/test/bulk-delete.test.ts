// user_bulk_delete against the emulator: by ids (object ids and UPNs), by a filter, undoing an import
// from its journal, a dry run, the confirmation with the count, and resume after an interruption.
import { describe, expect, it } from "vitest";
import { deleteUsers } from "../src/bulk/delete-users.ts";
import { importUsers } from "../src/bulk/import-users.ts";
import { bulkDeleteUsersOperation } from "../src/bulk/user-bulk-delete-operation.ts";
import type { RemovalRequest } from "../src/operations/confirm-removals.ts";
import { throttleWrites, useBulkEmulator } from "./helpers/bulk-env.ts";
import { customer, writeCsv } from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator({ emulator: { requestLogSize: 100_000 } });

/** Users of the tenant by sign-in name → object id. */
function users(): Map<string, string> {
  const out = new Map<string, string>();
  for (const user of t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [])
    for (const i of (user.identities ?? []) as { signInType?: string; issuerAssignedId?: string }[])
      if (i.signInType === "emailAddress") out.set(String(i.issuerAssignedId).toLowerCase(), String(user.id));
  return out;
}

const ours = (prefix: string) => [...users().keys()].filter((n) => n.startsWith(prefix)).length;

/** Imports `n` customers named `<prefix><i>@example.com` (display name `<Prefix> <i>`). */
async function seed(prefix: string, n: number, from = 1): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => {
    const row = customer(from + i, prefix);
    return { ...row, displayName: `${prefix.toUpperCase()} ${from + i}` };
  });
  const report = await importUsers(admin.context(), { rows });
  expect(report.created).toBe(n);
}

/** DELETEs answered 204 inside `$batch` envelopes since the last monitor reset. */
const deletes = () =>
  t.emu.control.monitor
    .requests()
    .filter((r) => r.service === "batch-item" && r.method === "DELETE" && r.status === 204).length;

/** Runs the operation as a front end does, answering its confirmation with `answer`. */
function run(input: Record<string, unknown>, answer = true) {
  const asked: RemovalRequest[] = [];
  const result = admin.run(bulkDeleteUsersOperation, input as never, {
    confirmRemovals: async (request) => {
      asked.push(request);
      return answer;
    },
  });
  return { result, asked };
}

describe("user_bulk_delete: selections", () => {
  it("deletes by object ids and UPNs, counts unknown ones as not found, and asks with the count first", async () => {
    await seed("byid", 25);
    const before = users();
    const chosen = [...before.entries()].filter(([n]) => n.startsWith("byid")).slice(0, 22);
    const upns = t.emu.store
      .tenant(t.tenant.tenantId)
      ?.collection("users")
      .get(chosen[0]?.[1] as string)?.userPrincipalName as string;
    const ids = [upns, ...chosen.slice(1).map(([, id]) => id), "00000000-0000-4000-8000-00000000dead"];
    const { result, asked } = run({ ids });
    const report = await result;
    expect(report).toMatchObject({ selected: 22, deleted: 22, notFound: 1, failed: 0, dryRun: false });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.summary).toMatch(/^Delete 22 users \(restorable for 30 days with user_restore\):/);
    expect(asked[0]?.summary).toMatch(/\(1 given were not found\.\)/);
    expect(report.summary).toMatch(/restorable for 30 days: user_restore/);
    expect(ours("byid")).toBe(3);
    expect(deletes()).toBe(22);
  });

  it("deletes what a filter matches, leaves the rest, and refuses an empty filter before any request", async () => {
    await seed("drop", 12);
    await seed("keep", 5);
    await expect(run({ filter: "   " }).result).rejects.toThrow(/filter.*empty/);
    const { result, asked } = run({ filter: "startswith(displayName,'DROP')" });
    expect(await result).toMatchObject({ selected: 12, deleted: 12 });
    expect(asked[0]?.summary).toMatch(/^Delete 12 users/);
    expect(ours("drop")).toBe(0);
    expect(ours("keep")).toBe(5);
  });

  it("never deletes more than confirmed: a filter matching more after the question stops the run", async () => {
    await seed("grow", 4);
    const result = admin.run(
      bulkDeleteUsersOperation,
      { filter: "startswith(displayName,'GROW')" },
      {
        confirmRemovals: async () => {
          await seed("grow", 1, 99); // someone adds a matching user while the person reads the question
          return true;
        },
      },
    );
    await expect(result).rejects.toThrow(/now matches 1 more user than the 4 confirmed; nothing was deleted/);
    expect(ours("grow")).toBe(5);
  });

  it("a refused confirmation or a wrong expectCount deletes nothing", async () => {
    await seed("safe", 3);
    t.emu.control.monitor.reset();
    await expect(run({ filter: "startswith(displayName,'SAFE')" }, false).result).rejects.toThrow(
      /not confirmed; nothing was changed/,
    );
    await expect(run({ filter: "startswith(displayName,'SAFE')", expectCount: 2 }).result).rejects.toThrow(
      /3 users are selected, not 2; nothing was deleted/,
    );
    expect(ours("safe")).toBe(3);
    expect(deletes()).toBe(0);
  });

  it("a dry run lists who would be deleted and changes nothing", async () => {
    await seed("dry", 6);
    t.emu.control.monitor.reset();
    const { result, asked } = run({ filter: "startswith(displayName,'DRY')", dryRun: true });
    const report = await result;
    expect(report).toMatchObject({ dryRun: true, selected: 6, deleted: 0 });
    expect(report.users.map((u) => u.name).sort()).toEqual(
      ["DRY 1", "DRY 2", "DRY 3", "DRY 4", "DRY 5", "DRY 6"].sort(),
    );
    expect(report.summary).toMatch(/^Dry run: 6 users would be deleted; nothing was changed\./);
    expect(asked).toHaveLength(0);
    expect(ours("dry")).toBe(6);
    expect(deletes()).toBe(0);
  });
});

describe("user_bulk_delete: undo an import", () => {
  it("deletes the 30 users an import created from its file's journal; users that existed before stay", async () => {
    await seed("pre", 5);
    // The import file holds 30 new customers and 2 who existed before (skipped by the import).
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => customer(i + 1, "undo")),
      customer(1, "pre"),
      customer(2, "pre"),
    ];
    const file = tmp.path("customers.csv");
    writeCsv(file, rows, ["displayName", "signInName", "password"]);
    const imported = await importUsers(admin.context(), { file, journalFile: `${file}.journal.jsonl` });
    expect(imported).toMatchObject({ created: 30, skipped: 2 });
    expect(ours("undo")).toBe(30);

    const dry = await run({ importFile: file, dryRun: true }).result;
    expect(dry.selected).toBe(30);
    const { result, asked } = run({ importFile: file });
    expect(await result).toMatchObject({ selected: 30, deleted: 30, failed: 0 });
    expect(asked[0]?.summary).toMatch(/^Delete 30 users/);
    expect(ours("undo")).toBe(0);
    expect(ours("pre")).toBe(5);
    // A rerun finds everything done in its own journal: nothing is sent again.
    t.emu.control.monitor.reset();
    expect(await run({ importFile: file }).result).toMatchObject({ deleted: 30, resumed: 30, selected: 0 });
    expect(deletes()).toBe(0);
  });

  it("refuses a journal of another operation, naming what to give", async () => {
    await seed("other", 2);
    const file = tmp.path("x.csv");
    writeCsv(file, [customer(1, "other")], ["displayName", "signInName", "password"]);
    await expect(run({ importFile: file }).result).rejects.toThrow(/no journal at .*x\.csv\.journal\.jsonl/);
    expect(ours("other")).toBe(2);
  });
});

describe("user_bulk_delete: resumable", () => {
  it("after an abort mid-run, a rerun with the journal deletes the rest, each user exactly once", async () => {
    await seed("res", 120);
    await throttleWrites(t);
    t.emu.control.monitor.reset();
    const journalFile = tmp.path("delete-journal.jsonl");
    const controller = new AbortController();
    const first = deleteUsers(
      admin.context({
        signal: controller.signal,
        onProgress: (p) => {
          if ((p.done ?? 0) >= 40) controller.abort(new Error("stopped by the user"));
        },
      }),
      { filter: "startswith(displayName,'RES')", journalFile },
    );
    await expect(first).rejects.toThrow(/stopped by the user/);
    const left = ours("res");
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(120);
    const report = await deleteUsers(admin.context(), {
      filter: "startswith(displayName,'RES')",
      journalFile,
    });
    expect(report.deleted).toBe(120);
    expect(report.resumed).toBeGreaterThan(0);
    expect(report.failed).toBe(0);
    expect(ours("res")).toBe(0);
    expect(deletes()).toBe(120);
  });

  it("under 5xx and dropped answers, journaled deletes answered 404 on resend count as done", async () => {
    await seed("flaky", 60);
    t.emu.control.monitor.reset();
    await t.control("PUT", "/faults", {
      seed: 14,
      rules: [
        { method: "DELETE", path: "/users/*", fault: { kind: "error", status: 503 }, probability: 0.1 },
        { method: "DELETE", path: "/users/*", fault: { kind: "drop", when: "after" }, probability: 0.05 },
      ],
    });
    const ids = [...users().entries()].filter(([n]) => n.startsWith("flaky")).map(([, id]) => id);
    const report = await deleteUsers(admin.context(), { ids });
    expect(report).toMatchObject({ selected: 60, deleted: 60, notFound: 0, failed: 0 });
    expect(ours("flaky")).toBe(0);
    const counters = t.emu.control.monitor.counters();
    expect(counters.byStatus["503"] ?? 0).toBeGreaterThan(0);
    expect(counters.byStatus["0"] ?? 0).toBeGreaterThan(0);
    // Deletes whose answer was dropped were sent again and answered 404: counted deleted, not "not found".
    const resent404 = t.emu.control.monitor
      .requests()
      .filter((r) => r.service === "batch-item" && r.method === "DELETE" && r.status === 404).length;
    expect(resent404).toBeGreaterThan(0);
  });
});
