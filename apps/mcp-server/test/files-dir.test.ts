// `--files-dir`: the one directory whose files tools may read and write. Names are relative to it;
// traversal, absolute paths, control characters and links that lead out are refused before anything
// is read, written or sent; in --read-only mode no tool is offered a path it would write.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostPathInputs, operations } from "@ciamkit/core";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvedHints } from "../src/tools/annotations.ts";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
const base = realpathSync(mkdtempSync(join(tmpdir(), "ciam-mcp-files-dir-")));
const files = join(base, "files");
const outside = join(base, "outside");
const SECRET = "outside-secret-9f2c";
beforeAll(async () => {
  backend = await startBackend();
  mkdirSync(files);
  mkdirSync(outside);
  writeFileSync(
    join(outside, "secret.csv"),
    `displayName,signInName,password\n${SECRET},x@example.com,Zq!9pq#kTz\n`,
  );
  writeFileSync(join(outside, "victim.txt"), "untouched\n");
  mkdirSync(join(files, "imports"));
  writeFileSync(
    join(files, "imports", "users.csv"),
    "displayName,signInName,password\nFile One,fd1@example.com,Zq!9pq#kTc\nFile Two,fd2@example.com,weak\n",
  );
  writeFileSync(join(files, "site.css"), ".ext-sign-in-box { color: #0a0a0a }\n");
  // Links an operator (or anyone with write access) may have left in the directory.
  symlinkSync(join(outside, "secret.csv"), join(files, "leak.csv"));
  symlinkSync(outside, join(files, "up"));
  symlinkSync(join(outside, "victim.txt"), join(files, "victim.jsonl"));
  symlinkSync(join(files, "site.css"), join(files, "inside-link.css"));
});
afterAll(async () => {
  await backend.close();
  rmSync(base, { recursive: true, force: true });
});

const requests = () => backend.emulator.control.monitor.requests().length;
const props = (tools: Tool[], name: string) =>
  (tools.find((t) => t.name === name)?.inputSchema.properties ?? {}) as Record<
    string,
    { description?: string }
  >;

describe("tools/list with --files-dir", () => {
  it("offers the paths as names inside the directory, and a tool that may write a file is not read-only", async () => {
    const client = await connectClient(backend, { filesDir: files, toolsets: ["users", "branding"] });
    const { tools } = await client.listTools();
    const imports = props(tools, "user_import");
    expect(Object.keys(imports)).toEqual(
      expect.arrayContaining(["file", "rejectFile", "journalFile", "reportFile"]),
    );
    expect(imports.file?.description).toMatch(/A name inside ciam-mcp's files directory\.$/);
    const exporter = tools.find((t) => t.name === "user_export") as Tool;
    expect(Object.keys(props(tools, "user_export"))).toEqual(expect.arrayContaining(["file", "stateFile"]));
    expect(resolvedHints(exporter.annotations)).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
    });
    const image = tools.find((t) => t.name === "branding_image_get") as Tool;
    expect(Object.keys(props(tools, "branding_image_get"))).toContain("saveTo");
    expect(resolvedHints(image.annotations).readOnlyHint).toBe(false);
    await client.close();
  });

  it("with --read-only offers no path a tool writes: user_export and branding_image_get stay read tools", async () => {
    const client = await connectClient(backend, {
      filesDir: files,
      readOnly: true,
      toolsets: ["users", "branding"],
    });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).not.toContain("user_import");
    expect(Object.keys(props(tools, "user_export"))).not.toContain("file");
    expect(Object.keys(props(tools, "user_export"))).not.toContain("stateFile");
    expect(Object.keys(props(tools, "branding_image_get"))).not.toContain("saveTo");
    for (const name of ["user_export", "branding_image_get"])
      expect(tools.find((t) => t.name === name)?.annotations?.readOnlyHint, name).toBe(true);
    const before = requests();
    const sent = await client.callTool({ name: "user_export", arguments: { file: "all.jsonl" } });
    expect(textOf(sent)).toBe(
      "Refused (nothing was read, written or sent): file writes a file, which a --read-only server does not do. Next: call user_export without it; the result carries the data.",
    );
    expect(existsSync(join(files, "all.jsonl"))).toBe(false);
    expect(requests()).toBe(before);
    await client.close();
  });
});

/** The top-level input fields of a tool that name a file it writes (the catalog's hostPath("write")). */
const writtenFields = new Map(
  operations.map((op) => [
    op.name,
    hostPathInputs(op.input)
      .filter((p) => p.access === "write")
      .map((p) => p.path),
  ]),
);

describe("a tool that may write a file is not a read (contract, every tool)", () => {
  it.each([
    ["--files-dir", false],
    ["--files-dir --read-only", true],
  ])("%s", async (_, readOnly) => {
    const client = await connectClient(backend, { filesDir: files, readOnly });
    const { tools } = await client.listTools();
    for (const tool of tools) {
      const offered = (writtenFields.get(tool.name) ?? []).filter(
        (f) => f in (tool.inputSchema.properties ?? {}),
      );
      // Read-only: no tool is offered a path it writes. Otherwise, one that is is not read-only.
      if (readOnly) expect(offered, tool.name).toEqual([]);
      else if (offered.length > 0)
        expect(resolvedHints(tool.annotations).readOnlyHint, tool.name).toBe(false);
    }
    const writers = tools.filter((t) =>
      (writtenFields.get(t.name) ?? []).some((f) => f in (t.inputSchema.properties ?? {})),
    );
    expect(writers.map((t) => t.name)).toEqual(
      readOnly
        ? []
        : [
            "user_import",
            "user_bulk_delete",
            "user_export",
            "branding_image_get",
            "config_export",
            "migration_inventory",
            "migration_users",
            "migration_jit_setup",
          ],
    );
    await client.close();
  });
});

describe("files inside the directory", () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectClient(backend, { filesDir: files });
  });
  afterAll(() => client.close());

  it("user_import reads a file by its relative name and keeps its journal and rejects beside it", async () => {
    const result = await client.callTool({
      name: "user_import",
      arguments: { file: "imports/users.csv", rejectFile: "imports/rejects.jsonl" },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    expect(existsSync(join(files, "imports", "users.csv.journal.jsonl"))).toBe(true);
    expect(readFileSync(join(files, "imports", "rejects.jsonl"), "utf8")).toMatch(/"line":3/);
  });

  it("user_export writes a file there; branding_image_set uploads one (also through a link that stays inside)", async () => {
    const exported = await client.callTool({ name: "user_export", arguments: { file: "users.jsonl" } });
    expect(exported.isError, textOf(exported)).toBeFalsy();
    const { exported: count } = exported.structuredContent as { exported: number };
    expect(readFileSync(join(files, "users.jsonl"), "utf8").trim().split("\n")).toHaveLength(count);
    for (const file of ["site.css", "inside-link.css"]) {
      const css = await client.callTool({
        name: "branding_image_set",
        arguments: { stream: "customCSS", file },
      });
      expect(css.isError, textOf(css)).toBeFalsy();
    }
  });
});

describe("names that leave the directory", () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectClient(backend, { filesDir: files });
  });
  afterAll(() => client.close());

  it.each([
    [
      "user_import",
      { file: "../outside/secret.csv" },
      `file: "../outside/secret.csv" leaves the files directory ('..')`,
    ],
    [
      "user_import",
      { file: join(outside, "secret.csv") },
      `file: ${JSON.stringify(join(outside, "secret.csv"))} is not relative to the files directory`,
    ],
    [
      "user_import",
      { file: "/etc/passwd", format: "csv" },
      `file: "/etc/passwd" is not relative to the files directory`,
    ],
    ["user_import", { file: "imports/../../outside/secret.csv" }, "leaves the files directory ('..')"],
    ["user_import", { file: "users\u0000.csv" }, "contains a control character"],
    ["user_import", { file: "leak.csv" }, `file: "leak.csv" is a link that leads out of the files directory`],
    [
      "user_import",
      { file: "up/secret.csv" },
      `file: "up/secret.csv" is a link that leads out of the files directory`,
    ],
    ["user_import", { file: "missing.csv" }, `file: "missing.csv" is not in the files directory`],
    ["user_import", { file: "imports" }, `file: "imports" is not a file`],
    [
      "user_import",
      { rows: [{}], mapping: "up/secret.csv" },
      'mapping: "up/secret.csv" is a link that leads out',
    ],
    ["user_export", { file: "../outside/victim.txt" }, "leaves the files directory"],
    [
      "user_export",
      { file: "victim.jsonl" },
      `file: "victim.jsonl" is a link; ciam-mcp does not write through links`,
    ],
    [
      "user_export",
      { file: "up/victim.txt" },
      `file: "up/victim.txt" is in a link that leads out of the files directory`,
    ],
    ["user_export", { file: "nowhere/out.jsonl" }, "is in a folder the files directory does not have"],
    [
      "user_export",
      { file: "imports/users.csv", stateFile: "up/state.json" },
      'stateFile: "up/state.json" is in a link',
    ],
    ["branding_image_set", { stream: "customCSS", file: "up/secret.csv" }, "is a link that leads out"],
    [
      "branding_image_get",
      { stream: "customCSS", saveTo: "victim.jsonl" },
      "is a link; ciam-mcp does not write through links",
    ],
  ])("%s %j: refused, nothing read, written or sent", async (tool, args, problem) => {
    const before = requests();
    const result = await client.callTool({ name: tool, arguments: args });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(new RegExp(`^Invalid input for ${tool} \\(nothing was read, written or sent\\): `));
    expect(text).toContain(problem);
    expect(text).toMatch(/Next: name a file inside ciam-mcp's files directory, relative to it/);
    expect(text).not.toContain(SECRET);
    expect(requests()).toBe(before);
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("untouched\n");
    expect(existsSync(join(outside, "state.json"))).toBe(false);
  });
});
