// user_import and user_export with the data in the call instead of a file on the host (what an MCP
// client sends): the same validation, report and resume, bounded, and no file anywhere.
import { readdirSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { INLINE_IMPORT_MAX_ROWS } from "../src/bulk/import-input.ts";
import { exportUsersOperation } from "../src/bulk/user-export-operation.ts";
import { importUsersOperation } from "../src/bulk/user-import-operation.ts";
import { deleteUserOperation } from "../src/graph/users/delete-user.ts";
import { findUserOperation } from "../src/graph/users/find-user.ts";
import { encodeCursor } from "../src/http/paginate.ts";
import { b2cClientWith } from "./helpers/app-client.ts";
import { stopInlineImport, useBulkEmulator } from "./helpers/bulk-env.ts";
import { customer, signInNames } from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator();

const names = () => signInNames(t.emu, t.tenant.tenantId);

describe("user_import with inline data", () => {
  it("imports rows and lists the rejected ones, writing no file", async () => {
    const rows = [customer(1, "inl"), customer(2, "inl"), { ...customer(3, "inl"), password: "weak" }];
    const first = await admin.run(importUsersOperation, { rows });
    expect(first).toMatchObject({ rows: 3, created: 2, rejected: 1, failed: 0, resumed: 0 });
    expect(first.rejects).toEqual([{ line: 3, reasons: [expect.stringMatching(/^password /)] }]);
    // Nothing on disk, not even a default journal beside a file that does not exist.
    expect(readdirSync(process.cwd()).filter((f) => f.includes("journal"))).toEqual([]);
    expect(names().get("inl1@example.com")).toBe(1);
  });

  it("resumes a stopped import of the same rows from the journal kept in memory, creating everyone once", async () => {
    const rows = Array.from({ length: 100 }, (_, i) => customer(i + 1, "stop"));
    await stopInlineImport({ t, admin }, rows, 30);
    const createdBefore = [...names().keys()].filter((n) => n.startsWith("stop")).length;
    expect(createdBefore).toBeGreaterThan(0);
    expect(createdBefore).toBeLessThan(100);
    const again = await admin.run(importUsersOperation, { rows });
    // Without the journal, the users made before the stop would come back as existing (skipped).
    expect(again).toMatchObject({ rows: 100, created: 100, skipped: 0, failed: 0 });
    expect(again.resumed).toBeGreaterThan(0);
    const holders = [...names()].filter(([n]) => n.startsWith("stop"));
    expect(holders).toHaveLength(100);
    expect(holders.every(([, n]) => n === 1)).toBe(true);
  });

  it("forgets a finished import: the same rows again are checked against the tenant, never taken as done", async () => {
    const rows = [customer(1, "again")];
    expect(await admin.run(importUsersOperation, { rows })).toMatchObject({ created: 1 });
    // Still there: found by the service's conflict and skipped.
    expect(await admin.run(importUsersOperation, { rows })).toMatchObject({
      created: 0,
      skipped: 1,
      resumed: 0,
    });
    // Deleted since: created again, not reported as created by an earlier run without existing.
    const found = await admin.run(findUserOperation, { issuerAssignedId: "again1@example.com" });
    await admin.run(deleteUserOperation, { id: String(found.users[0]?.id) });
    expect(await admin.run(importUsersOperation, { rows })).toMatchObject({ created: 1, resumed: 0 });
    expect(names().get("again1@example.com")).toBe(1);
  });

  it("keeps the journal per tenant: rows stopped in one tenant are all created in another", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => customer(i + 1, "tnt"));
    const other = b2cClientWith(t, ["User.ReadWrite.All", "Organization.Read.All"]);
    try {
      await stopInlineImport({ t, admin }, rows, 20);
      // The same data for another tenant: nothing there was committed, so every row is written.
      expect(await other.run(importUsersOperation, { rows })).toMatchObject({ created: 60, resumed: 0 });
      // The first tenant still resumes from its own.
      const back = await admin.run(importUsersOperation, { rows });
      expect(back).toMatchObject({ created: 60, skipped: 0 });
      expect(back.resumed).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it("reads CSV text, and JSON Lines text when it starts with {", async () => {
    const csv = [
      "displayName,signInName,password",
      ...[1, 2].map((n) => Object.values(customer(n, "csv")).join(",")),
    ];
    expect(await admin.run(importUsersOperation, { content: `${csv.join("\n")}\n` })).toMatchObject({
      rows: 2,
      created: 2,
    });
    const jsonl = [3, 4].map((n) => JSON.stringify(customer(n, "jsonl"))).join("\n");
    expect(await admin.run(importUsersOperation, { content: jsonl, dryRun: true })).toMatchObject({
      rows: 2,
      wouldCreate: 2,
    });
  });

  it("maps inline columns with an inline mapping, and refuses a header without them without echoing it", async () => {
    const content = "email,name,pw\nmapped@example.com,Mapped One,Zq!9pq#kT\n";
    const mapping = { columns: { signInName: "email", displayName: "name", password: "pw" } };
    expect(await admin.run(importUsersOperation, { content, mapping })).toMatchObject({ created: 1 });
    const error = await admin
      .run(importUsersOperation, { content: "AZURE_CLIENT_SECRET=s3cr3t\n" })
      .catch((e) => e);
    expect(error).toMatchObject({ name: "InvalidInputError" });
    expect(String(error)).toMatch(
      /no column "displayName" for displayName in the file's header row \(1 column\)/,
    );
    expect(String(error)).not.toContain("s3cr3t");
  });

  it("refuses data past its bounds, and no data or two kinds of it, before any request", async () => {
    const before = t.emu.control.monitor.requests().length;
    const many = Array.from({ length: INLINE_IMPORT_MAX_ROWS + 1 }, (_, i) => customer(i, "many"));
    await expect(admin.run(importUsersOperation, { rows: many })).rejects.toThrow(
      /rows: at most 5000 rows inline; larger imports: a file with the ciam CLI, or in ciam-mcp's --files-dir/,
    );
    await expect(admin.run(importUsersOperation, { content: "x".repeat(1024 * 1024 + 1) })).rejects.toThrow(
      /content: at most 1048576 characters inline/,
    );
    await expect(admin.run(importUsersOperation, {})).rejects.toThrow(
      /give the data to import as exactly one of file, content, rows/,
    );
    await expect(admin.run(importUsersOperation, { rows: [customer(1)], content: "a,b\n" })).rejects.toThrow(
      /exactly one of file, content, rows/,
    );
    expect(t.emu.control.monitor.requests().length).toBe(before);
  });
});

describe("user_export without a file", () => {
  beforeEach(() => t.control("POST", "/seed", { tenant: t.tenant.tenantId, users: 120 }));

  it("returns pages of users with the selected properties, and a cursor through all of them once", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.run(exportUsersOperation, {
        select: ["id", "displayName"],
        pageSize: 50,
        ...(cursor === undefined ? {} : { cursor }),
      });
      pages++;
      expect(page.file).toBeUndefined();
      expect(page.exported).toBe(page.items?.length);
      for (const item of page.items ?? []) {
        expect(Object.keys(item)).toEqual(["id", "displayName"]);
        seen.push(String(item.id));
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const total = t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size ?? 0;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 50));
  });

  it("returns at most 100 users a page, and refuses what only a file export takes", async () => {
    const page = await admin.run(exportUsersOperation, {});
    expect(page.items).toHaveLength(100);
    await expect(admin.run(exportUsersOperation, { pageSize: 101 })).rejects.toThrow(
      /pageSize: at most 100 when the users are returned \(no file\)/,
    );
    await expect(admin.run(exportUsersOperation, { stateFile: tmp.path("s.json") })).rejects.toThrow(
      /stateFile, format: for a file export only/,
    );
    // A cursor of another collection is not followed: it is not an export's.
    const groups = encodeCursor(`${t.emu.graphUrl}/v1.0/groups?$top=5`, 0);
    await expect(admin.run(exportUsersOperation, { cursor: groups })).rejects.toThrow(
      /cursor: not a nextCursor of user_export/,
    );
    await expect(
      admin.run(exportUsersOperation, { file: tmp.path("out.jsonl"), cursor: page.nextCursor as string }),
    ).rejects.toThrow(/cursor: for pages returned without a file/);
  });
});
