// `ciam user bulk-delete`: the built bin against the emulator. Undoing an import from its file, a dry
// run that needs no terminal, the refusal without one, and on a terminal the question with the count:
// no deletes nothing, yes deletes exactly the users the import created.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";
import { hasTmux, openTerminal, type Terminal } from "./tmux.ts";

let t: TestTenant;
let dir: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ throttling: false });
  dir = t.bare.HOME ?? "";
});
afterAll(async () => t?.close());

const password = (n: number) => `Zq!9${[...String(n)].map((d) => "pqrstuvwxy"[Number(d)]).join("")}#kT`;

/** Users whose sign-in name starts with `prefix`. */
function holders(prefix: string): number {
  const users = t.emulator.store.tenant(t.emulator.tenants[0]?.tenantId ?? "")?.collection("users");
  return [...(users?.values() ?? [])].filter((u) =>
    ((u.identities ?? []) as { issuerAssignedId?: string }[]).some((i) =>
      String(i.issuerAssignedId ?? "").startsWith(prefix),
    ),
  ).length;
}

/** Imports `n` users `<prefix><i>@example.com` with the CLI and returns the file. */
async function imported(prefix: string, n: number): Promise<string> {
  const lines = ["displayName,signInName,password"];
  for (let i = 1; i <= n; i++) lines.push(`${prefix} ${i},${prefix}${i}@example.com,${password(i)}`);
  const file = join(dir, `${prefix}.csv`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  const run = await ciam(["user", "import", file, "-o", "json"], t.env);
  expect(run.status, run.stderr).toBe(0);
  expect(holders(prefix)).toBe(n);
  return file;
}

interface DeleteReport {
  dryRun: boolean;
  selected: number;
  deleted: number;
  summary: string;
  users: { id: string; name?: string }[];
}

describe("ciam user bulk-delete", () => {
  it("--dry-run lists the users an import created without a terminal or --yes, and deletes nothing", async () => {
    const file = await imported("dry", 8);
    const run = await ciam(["user", "bulk-delete", "--import-file", file, "--dry-run", "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(0);
    const report = json<DeleteReport>(run);
    expect(report).toMatchObject({ dryRun: true, selected: 8, deleted: 0 });
    expect(report.users.map((u) => u.name).sort()).toContain("dry 1");
    expect(holders("dry")).toBe(8);
  });

  it("refuses without a terminal and without --yes (exit 2), deleting nothing; --yes undoes the import", async () => {
    const file = await imported("ci", 12);
    const refused = await ciam(["user", "bulk-delete", "--import-file", file], t.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/no terminal to confirm on; pass --yes/);
    expect(holders("ci")).toBe(12);
    const run = await ciam(["user", "bulk-delete", "--import-file", file, "--yes", "-o", "table"], t.env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Deleted 12 of 12 users in [\d.]+ s: 0 not found, 0 failed\./);
    expect(run.stdout).toContain("restorable for 30 days: user_restore");
    expect(holders("ci")).toBe(0);
  });

  it("refuses an empty --filter with a usage error naming it", async () => {
    const run = await ciam(["user", "bulk-delete", "--filter", " ", "--yes"], t.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/filter.*empty/);
  });
});

describe.skipIf(!hasTmux)("ciam user bulk-delete on a terminal", () => {
  let terminal: Terminal;
  beforeAll(() => {
    terminal = openTerminal();
  });
  afterAll(() => terminal?.close());

  it("asks with the count; no deletes nothing, yes deletes the import's users", async () => {
    const file = await imported("tty", 5);
    const args = ["user", "bulk-delete", "--import-file", file];
    const no = terminal.start("bulk-no", args, t.env, dir);
    const screen = await terminal.screenShowing(no, /Apply these changes\? \[y\/N\]/);
    expect(screen).toContain("Delete 5 users (restorable for 30 days with user_restore):");
    expect(screen).toContain("'tty 1'");
    terminal.keys(no, "n", "Enter");
    expect(await terminal.screenShowing(no, /\[exit=\d+\]/)).toContain("not confirmed; nothing was changed");
    expect(holders("tty")).toBe(5);

    const yes = terminal.start("bulk-yes", args, t.env, dir);
    await terminal.screenShowing(yes, /Apply these changes\? \[y\/N\]/);
    terminal.keys(yes, "y", "Enter");
    expect(await terminal.screenShowing(yes, /\[exit=\d+\]/)).toContain("[exit=0]");
    expect(holders("tty")).toBe(0);
  });
});
