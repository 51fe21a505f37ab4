import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BIN, ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  t.emulator.control.seedUsers(t.emulator.tenants[0]?.tenantId ?? "", 230);
});
afterAll(async () => t?.close());

const SEEDED = 4 + 230; // the demo tenant's admin and three customers, plus the bulk users

describe("output formats and --query", () => {
  it("prints JSON when piped, with no format given", async () => {
    const run = await ciam(["user", "list", "--limit", "3"], t.env);
    expect(run.status).toBe(0);
    expect(json<unknown[]>(run)).toHaveLength(3);
  });

  it.each([
    ["json", (out: string) => JSON.parse(out)],
    ["yaml", (out: string) => parseYaml(out)],
  ])("prints %s that parses back to the users", async (format, parse) => {
    const run = await ciam(["user", "list", "--limit", "150", "-o", format], t.env);
    expect(run.status).toBe(0);
    const users = parse(run.stdout) as { id: string }[];
    expect(users).toHaveLength(150);
    expect(new Set(users.map((u) => u.id)).size).toBe(150);
  });

  it("prints TSV, one line per item, for cut and awk", async () => {
    const run = await ciam(
      ["user", "list", "--limit", "3", "-o", "tsv", "--query", "[].[id, displayName]"],
      t.env,
    );
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^[0-9a-f-]{36}\t[^\t]+$/);
  });

  it("prints a table with titled columns and one row per item, across pages", async () => {
    const run = await ciam(
      ["user", "list", "--limit", "120", "-o", "table", "--query", "[].{id: id, name: displayName}"],
      t.env,
    );
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Id\s+Name$/);
    expect(lines[1]).toMatch(/^-+\s+-+$/);
    expect(lines).toHaveLength(122);
  });

  it("prints a streamed table whose later pages line up with the first", async () => {
    const run = await ciam(["user", "list", "--limit", "150", "-o", "table"], t.env);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(152);
    const idColumn = (lines[1] ?? "").indexOf(" ");
    for (const line of lines.slice(2)) expect(line.slice(0, idColumn)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("prints nothing with -o none, and still succeeds", async () => {
    const run = await ciam(["organization", "get", "-o", "none"], t.env);
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("applies --query to the whole result as the Azure CLI does", async () => {
    const run = await ciam(
      ["organization", "get", "--query", "verifiedDomains[?isDefault].name | [0]"],
      t.env,
    );
    expect(json(run)).toBe("contoso.onmicrosoft.com");
    const count = await ciam(["user", "list", "--all", "--query", "length(@)"], t.env);
    expect(json(count)).toBe(SEEDED);
  });

  it("uses no colour without a terminal, even for errors", async () => {
    const run = await ciam(["user", "get", "--id", "missing"], { ...t.env, NO_COLOR: "" });
    expect(run.stderr).not.toContain("\u001b[");
  });
});

describe("paging", () => {
  it("returns one page by default and says how to get more", async () => {
    const run = await ciam(["user", "list"], t.env);
    expect(json<unknown[]>(run)).toHaveLength(100);
    expect(run.stderr).toMatch(/^More items exist: add --all, --limit <n>, or --cursor \S+\n$/);
  });

  it("--all reads every page; --limit stops across pages", async () => {
    expect(json<unknown[]>(await ciam(["user", "list", "--all"], t.env))).toHaveLength(SEEDED);
    const limited = await ciam(["user", "list", "--limit", "205"], t.env);
    expect(json<unknown[]>(limited)).toHaveLength(205);
    expect(limited.stderr).toBe("");
  });

  it("--cursor continues where the hint said, without repeating items", async () => {
    const hint = (await ciam(["user", "list"], t.env)).stderr.match(/--cursor (\S+)/)?.[1] ?? "";
    const next = await ciam(["user", "list", "--cursor", hint, "--limit", "5"], t.env);
    const ids = json<{ id: string }[]>(next).map((u) => u.id);
    expect(ids).toHaveLength(5);
    const firstHundred = json<{ id: string }[]>(await ciam(["user", "list"], t.env)).map((u) => u.id);
    for (const id of ids) expect(firstHundred).not.toContain(id);
  });
});

describe("a listing that fails part-way", () => {
  it("ends the output cleanly with the items read so far and exits 7", async () => {
    const child = spawn(process.execPath, [BIN, "user", "list", "--all", "-o", "json"], { env: t.env });
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      // Once the first page is out, every further page fails.
      if (stdout === "") {
        t.emulator.control.faults.configure({
          rules: [{ method: "GET", path: "/users", fault: { kind: "error", status: 500 } }],
        });
      }
      stdout += d;
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    t.emulator.control.faults.configure({});
    expect(status).toBe(7);
    const items = JSON.parse(stdout) as unknown[];
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(items.length).toBeLessThan(SEEDED);
    expect(stderr).toMatch(new RegExp(`the listing stopped after ${items.length} items`));
  });
});
