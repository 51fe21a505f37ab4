// `ciam audit-log sign-in-list|directory-list`: the filters as flags, and the default table's who,
// what, target, result and time (the records' nested fields a generic table leaves out), at 80 columns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createListWriter } from "../src/output/list-writer.ts";
import { TABLE_VIEWS } from "../src/output/table-views.ts";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  // One failed sign-in of the management app (a wrong secret), one change it audits.
  const failed = await ciam(["group", "list"], { ...t.env, AZURE_CLIENT_SECRET: "not-the-secret" });
  expect(failed.status).toBe(3);
  expect((await ciam(["group", "create", "--display-name", "Table target"], t.env)).status).toBe(0);
});
afterAll(() => t.close());

const re = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The table `ciam` prints for these records on a terminal `width` columns wide. */
function table(operation: string, items: unknown[], width: number): string[] {
  const chunks: string[] = [];
  const writer = createListWriter("table", (text) => chunks.push(text), {
    width,
    view: TABLE_VIEWS[operation],
  });
  writer.page(items);
  writer.end();
  return chunks.join("").trimEnd().split("\n");
}

describe("log tables", () => {
  it("sign-ins: --status failure and --app filter; the table shows who, what, target, result and time", async () => {
    const run = await ciam(["audit-log", "sign-in-list", "--status", "failure", "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(0);
    const failures = json<{ appDisplayName: string; status: { errorCode: number } }[]>(run);
    expect(failures).toHaveLength(1);
    const app = failures[0]?.appDisplayName ?? "";
    const code = failures[0]?.status.errorCode;

    const printed = await ciam(
      ["audit-log", "sign-in-list", "--app", app, "--error-code", String(code), "-o", "table"],
      t.env,
    );
    expect(printed.status, printed.stderr).toBe(0);
    const lines = printed.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Who +What +Target +Result +Time$/);
    expect(lines[2]).toMatch(
      new RegExp(
        `^\\(app\\) +${re(app)} +Microsoft Graph +failure ${code} +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`,
      ),
    );
    expect(lines).toHaveLength(3);

    const all = json<unknown[]>(await ciam(["audit-log", "sign-in-list", "--app", app, "-o", "json"], t.env));
    const at80 = table("audit_log_sign_in_list", all, 80);
    expect(at80[0]).toMatch(/^Who +What +Target +Result +Time$/);
    for (const line of at80) expect(line.length).toBeLessThanOrEqual(80);
    expect(
      at80
        .slice(2)
        .map((l) => l.match(/(success|failure \d+) +\S+Z$/)?.[1])
        .sort(),
    ).toEqual([`failure ${code}`, ...Array(all.length - 1).fill("success")]);
  });

  it("directory audits: --target and --initiated-by filter; the table names the app, activity and target", async () => {
    const run = await ciam(["audit-log", "directory-list", "--target", "Table target", "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(0);
    const records = json<{ initiatedBy: { app: { displayName: string } } }[]>(run);
    expect(records).toHaveLength(1);
    const who = records[0]?.initiatedBy.app.displayName ?? "";
    const byWho = await ciam(
      ["audit-log", "directory-list", "--initiated-by", who, "--target", "Table target", "-o", "table"],
      t.env,
    );
    const lines = byWho.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Who +What +Target +Result +Time$/);
    expect(lines[2]).toMatch(new RegExp(`^${re(who)} +Add group +Table target +success +\\S+Z$`));

    const at80 = table("audit_log_directory_list", records, 80);
    expect(at80[2]).toMatch(/ Add group +Table target +success +\S+Z$/);
    for (const line of at80) expect(line.length).toBeLessThanOrEqual(80);
  });
});
