// File inputs on the command line: the CLI keeps its paths, takes the same data inline as an MCP
// client does, and read-only mode refuses a command that would write a file, whatever it reads.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let dir: string;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant({ throttling: false });
  dir = t.bare.HOME ?? "";
});
afterAll(async () => t?.close());

describe("read-only mode and files", () => {
  it.each([
    [["user", "export", "users.jsonl"], "users.jsonl", "writes a file (--file)"],
    [["user", "export", "--file", "flag.jsonl"], "flag.jsonl", "writes a file (--file)"],
    [["branding", "image-get", "--stream", "customCSS", "--save-to", "site.css"], "site.css", "(--save-to)"],
  ])("refuses %j, writing nothing and sending nothing", async (args, file, message) => {
    const before = t.requests();
    const target = join(dir, file);
    const run = await ciam(["--read-only", ...args.map((a) => (a === file ? target : a))], t.env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("read-only mode is on; leave it out to print the result");
    expect(existsSync(target)).toBe(false);
    expect(t.requests()).toBe(before);
  });

  it("still reads: an export without a file prints a page of users and a cursor", async () => {
    const run = await ciam(["user", "export", "--page-size", "2", "-o", "json"], {
      ...t.env,
      CIAM_READ_ONLY: "1",
    });
    expect(run.status, run.stderr).toBe(0);
    const page = json<{ items: unknown[]; nextCursor?: string; exported: number }>(run);
    expect(page.items).toHaveLength(2);
    expect(page.exported).toBe(2);
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});

describe("inline data on the command line", () => {
  it("imports --rows as an MCP client sends them", async () => {
    const rows = JSON.stringify([
      { displayName: "Cli Inline", signInName: "cli.inline@example.com", password: "Zq!9pq#kTd" },
    ]);
    const run = await ciam(["user", "import", "--rows", rows, "-o", "json"], t.env);
    expect(run.status, run.stderr).toBe(0);
    expect(json(run)).toMatchObject({ rows: 1, created: 1, rejected: 0 });
  });
});
