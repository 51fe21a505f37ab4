// Inline import data (`content`, `rows`: what an MCP client sends) gets the checks a file gets: read
// whole before the first write, text UTF-8 cannot hold refused, errors that name `content` and the
// line and quote nothing, and a journal bound to a hash of the data and to the mapping.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importUsersOperation } from "../src/bulk/user-import-operation.ts";
import { stopInlineImport, useBulkEmulator } from "./helpers/bulk-env.ts";
import { customer, signInNames, writeRequests } from "./helpers/bulk-files.ts";

const { t, admin, tmp } = useBulkEmulator();

const SECRET = "s3cr3t-Value-42";

/** CSV text of `customer(from…to, prefix)` with a header. */
function csvText(prefix: string, from: number, to: number): string[] {
  return [
    "displayName,signInName,password",
    ...Array.from({ length: to - from + 1 }, (_, i) => Object.values(customer(from + i, prefix)).join(",")),
  ];
}

/** The error of a run that must fail. */
async function refusal(run: Promise<unknown>): Promise<{ name: string; issues: string[] }> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: "InvalidInputError" });
  return error as { name: string; issues: string[] };
}

const ours = (prefix: string) =>
  [...signInNames(t.emu, t.tenant.tenantId).keys()].filter((n) => n.startsWith(prefix)).length;

describe("inline import data gets a file's checks", () => {
  it("CSV text that breaks part-way creates nobody, and the error names content and the line the record starts on", async () => {
    const lines = csvText("brk", 1, 60);
    lines[49] = `"Broken ${SECRET},brk49@example.com,Zq!9pq#kT`; // line 50 opens a quote that never closes
    const error = await refusal(admin.run(importUsersOperation, { content: `${lines.join("\n")}\n` }));
    expect(error.issues).toEqual([
      `content: line 50: a quoted field opens in the record starting here and is never closed; a quote inside a quoted field is written twice ("")`,
    ]);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(writeRequests(t.emu)).toBe(0);
    expect(ours("brk")).toBe(0);
  });

  it("text with half of a surrogate pair (no UTF-8 form) is refused, naming where, before any request", async () => {
    const lines = csvText("sur", 1, 3);
    lines[2] = `Ren\uD800e,sur2@example.com,${customer(2).password}`;
    const content = await refusal(admin.run(importUsersOperation, { content: lines.join("\n") }));
    expect(content.issues).toEqual([
      expect.stringMatching(
        /^content: line 3, column 4 is not valid Unicode text \(half of a surrogate pair/,
      ),
    ]);
    const rows = await refusal(
      admin.run(importUsersOperation, {
        rows: [customer(1, "sur"), { ...customer(2, "sur"), displayName: "x\uDC00" }],
      }),
    );
    expect(rows.issues).toEqual([expect.stringMatching(/^rows: row 2 is not valid Unicode text/)]);
    expect(writeRequests(t.emu)).toBe(0);
    expect(ours("sur")).toBe(0);
  });

  it("a journal file of inline data is bound to the hash of the data: other data is refused, the same resumes", async () => {
    const journalFile = tmp.path("inline.journal.jsonl");
    const content = `${csvText("bnd", 1, 2).join("\n")}\n`;
    expect(await admin.run(importUsersOperation, { content, journalFile })).toMatchObject({ created: 2 });
    const binding = JSON.parse(readFileSync(journalFile, "utf8").split("\n")[0] ?? "");
    expect(binding.input).toBe(`sha256:${createHash("sha256").update(content, "utf8").digest("hex")}`);

    const other = `${csvText("bnd", 3, 3).join("\n")}\n`;
    const error = await refusal(admin.run(importUsersOperation, { content: other, journalFile }));
    expect(error.issues).toEqual([
      expect.stringMatching(
        /^journalFile: .*inline\.journal\.jsonl was written for another run \(the content given changed\), so it is not used; delete .* to import the data from scratch/,
      ),
    ]);
    expect(ours("bnd3")).toBe(0);
    expect(await admin.run(importUsersOperation, { content, journalFile })).toMatchObject({
      created: 2,
      resumed: 2,
    });
  });

  it("a stopped inline import resumes from memory with the same mapping only; another mapping is another import", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => customer(i + 1, "map"));
    await stopInlineImport({ t, admin }, rows, 20);
    const before = ours("map");
    expect(before).toBeGreaterThan(0);
    // Another mapping: nothing is taken as done; the users made before the stop exist and are skipped.
    const mapping = { columns: { displayName: "signInName" } };
    const other = await admin.run(importUsersOperation, { rows, mapping });
    expect(other).toMatchObject({ rows: 60, resumed: 0, failed: 0 });
    expect(other.skipped).toBeGreaterThanOrEqual(before);
    expect(other.created + other.skipped).toBe(60);
    // The first mapping's journal is still there: the same call as the stopped one resumes from it.
    const again = await admin.run(importUsersOperation, { rows });
    expect(again.resumed).toBeGreaterThan(0);
    expect(ours("map")).toBe(60);
  });
});
