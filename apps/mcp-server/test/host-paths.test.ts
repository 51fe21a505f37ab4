// The file rule over a real MCP client: no tool takes a path on the server's machine. Every input the
// catalog declares as a host path is missing from tools/list (and operation_describe) and refused
// when sent, before anything is read, written or sent to the tenant; the same work is done inline.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostPathInputs, operations } from "@ciamkit/core";
import { b2cDemoConnection } from "@ciamkit/emulator";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { b2cDemoClient } from "./helpers/demo-client.ts";
import { type Backend, connectClient, startBackend, textOf } from "./helpers/harness.ts";

let backend: Backend;
let dir: string;
let secretFile: string;
const SECRET = "AZURE_CLIENT_SECRET=never-leaves-the-host";
beforeAll(async () => {
  backend = await startBackend();
  dir = mkdtempSync(join(tmpdir(), "ciam-mcp-host-paths-"));
  secretFile = join(dir, "prod.env");
  writeFileSync(secretFile, `${SECRET}\n`);
});
afterAll(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

const requests = () => backend.emulator.control.monitor.requests().length;

/** Every property name of a JSON Schema, at any depth. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) propertyNames(item, out);
  else if (schema !== null && typeof schema === "object") {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties" && value !== null && typeof value === "object")
        for (const name of Object.keys(value)) out.add(name);
      propertyNames(value, out);
    }
  }
  return out;
}

/** The last segment of each host path of the catalog: `file`, `mapping`, `saveTo`, … */
const PATH_FIELDS = new Set(
  operations.flatMap((op) => hostPathInputs(op.input).map((p) => p.path.split(".").at(-1))),
);
const row = { displayName: "Ann Lee", signInName: "ann.paths@example.com", password: "Zq!9pq#kTw" };

describe("tools/list without --files-dir", () => {
  it.each([
    ["every tool", {}],
    ["--read-only", { readOnly: true }],
  ])("%s: no input is a path, at any depth", async (_, options) => {
    const client = await connectClient(backend, options);
    const { tools } = await client.listTools();
    for (const tool of tools) {
      const names = propertyNames(tool.inputSchema);
      const paths = [...names].filter((n) => PATH_FIELDS.has(n) && n !== "mapping");
      expect(paths, tool.name).toEqual([]);
    }
    // The mapping is offered as an object only (its file form is a path).
    const user = tools.find((t) => t.name === "user_import");
    if (user !== undefined) {
      const mapping = (user.inputSchema.properties as Record<string, Record<string, unknown>>).mapping;
      expect(mapping?.type).toBe("object");
      expect(mapping?.anyOf).toBeUndefined();
    }
    await client.close();
  });

  it("lists user_export as a read tool in --read-only mode, returning users instead of writing", async () => {
    const client = await connectClient(backend, { readOnly: true, toolsets: ["users"] });
    const { tools } = await client.listTools();
    const exporter = tools.find((t) => t.name === "user_export") as Tool;
    expect(exporter.annotations?.readOnlyHint).toBe(true);
    expect(Object.keys(exporter.inputSchema.properties ?? {})).toEqual([
      "format",
      "filter",
      "select",
      "pageSize",
      "cursor",
    ]);
    await client.close();
  });

  it("leaves the paths out of operation_describe in discovery mode", async () => {
    const client = await connectClient(backend, { discovery: true });
    for (const name of [
      "user_import",
      "user_export",
      "branding_apply",
      "trust_framework_keyset_upload_pfx",
    ]) {
      const described = await client.callTool({ name: "operation_describe", arguments: { name } });
      const schema = (described.structuredContent as { inputSchema: unknown }).inputSchema;
      expect(
        [...propertyNames(schema)].filter((n) => PATH_FIELDS.has(n) && n !== "mapping"),
        name,
      ).toEqual([]);
    }
    await client.close();
  });
});

describe("a path sent anyway", () => {
  const rows = [row];
  // The ten inputs of the issue, and the other host paths of the catalog.
  const cases: [string, string, () => Record<string, unknown>][] = [
    ["user_export", "file", () => ({ file: join(dir, "export.jsonl") })],
    ["user_export", "stateFile", () => ({ stateFile: join(dir, "export.state.json") })],
    ["user_import", "file", () => ({ file: "/etc/passwd", format: "csv" })],
    ["user_import", "mapping", () => ({ rows, mapping: secretFile })],
    ["user_import", "rejectFile", () => ({ rows, rejectFile: join(dir, "rejects.jsonl") })],
    ["user_import", "journalFile", () => ({ rows, journalFile: join(dir, "journal.jsonl") })],
    ["branding_image_set", "file", () => ({ stream: "customCSS", file: secretFile })],
    ["trust_framework_policy_upload", "file", () => ({ file: secretFile })],
    ["trust_framework_keyset_upload_certificate", "file", () => ({ id: "partner", file: secretFile })],
    ["trust_framework_keyset_upload_pfx", "file", () => ({ id: "saml", file: secretFile })],
    ["user_import", "reportFile", () => ({ rows, reportFile: join(dir, "report.json") })],
    ["branding_image_get", "saveTo", () => ({ stream: "customCSS", saveTo: join(dir, "saved.css") })],
    [
      "branding_apply",
      "default.files.customCSS.file",
      () => ({ default: { files: { customCSS: { file: secretFile } } } }),
    ],
  ];

  it.each(cases)("%s %s: refused, nothing read, written or sent", async (tool, field, args) => {
    const lines: string[] = [];
    const client = await connectClient(backend, { allowDestructive: true, log: (l) => lines.push(l) });
    const before = requests();
    const result = await client.callTool({ name: tool, arguments: args() });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `Refused (nothing was read, written or sent): ${field} is a path on the machine ciam-mcp runs on, which its tools do not take. Next: give the data itself (the tool's input schema says how: text, base64 or records; results carry what would have been written), or ask the user to restart ciam-mcp with --files-dir <dir> and name a file inside that directory.`,
    );
    expect(requests()).toBe(before);
    for (const name of [
      "export.jsonl",
      "export.state.json",
      "rejects.jsonl",
      "journal.jsonl",
      "report.json",
      "saved.css",
    ])
      expect(existsSync(join(dir, name)), name).toBe(false);
    expect(lines).toEqual([`ciam-mcp: ${tool} refused a file path`]);
    await client.close();
  });

  it("is refused by operation_run in discovery mode too", async () => {
    const client = await connectClient(backend, { discovery: true });
    const before = requests();
    const result = await client.callTool({
      name: "operation_run",
      arguments: { name: "user_import", input: { file: "/etc/passwd", format: "csv", dryRun: true } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Refused \(nothing was read, written or sent\): file is a path/);
    expect(textOf(result)).not.toContain("root:");
    expect(requests()).toBe(before);
    await client.close();
  });
});

describe("the same work inline", () => {
  let client: Client;
  beforeAll(async () => {
    client = await connectClient(backend, { allowDestructive: true });
  });
  afterAll(() => client.close());

  it("user_import takes rows and CSV text, lists rejected rows, and the same call again creates nobody twice", async () => {
    const rows = [
      { displayName: "Inline One", signInName: "inline1@example.com", password: "Zq!9pq#kTa" },
      { displayName: "Inline Two", signInName: "inline2@example.com", password: "weak" },
    ];
    const first = await client.callTool({ name: "user_import", arguments: { rows } });
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(first.structuredContent).toMatchObject({
      rows: 2,
      created: 1,
      rejected: 1,
      rejects: [{ line: 2, reasons: [expect.stringMatching(/^password/)] }],
    });
    // A finished import: the same rows again find the user there (a stopped one resumes, bulk-tools.test.ts).
    const again = await client.callTool({ name: "user_import", arguments: { rows } });
    expect(again.structuredContent).toMatchObject({ created: 0, skipped: 1, rejected: 1 });
    const csv = await client.callTool({
      name: "user_import",
      arguments: {
        content: "email,name,pw\ninline3@example.com,Inline Three,Zq!9pq#kTb\n",
        mapping: { columns: { signInName: "email", displayName: "name", password: "pw" } },
      },
    });
    expect(csv.structuredContent).toMatchObject({ rows: 1, created: 1 });
  });

  it("user_export returns pages with a short cursor", async () => {
    const first = await client.callTool({
      name: "user_export",
      arguments: { pageSize: 2, select: ["id", "displayName"] },
    });
    expect(first.isError, textOf(first)).toBeFalsy();
    const page = first.structuredContent as { items: Record<string, unknown>[]; nextCursor?: string };
    expect(page.items).toHaveLength(2);
    expect(Object.keys(page.items[0] ?? {})).toEqual(["id", "displayName"]);
    expect(page.nextCursor).toMatch(/^c_[A-Za-z0-9_-]{8}$/);
    const next = await client.callTool({
      name: "user_export",
      arguments: { pageSize: 2, select: ["id", "displayName"], cursor: page.nextCursor },
    });
    const ids = (next.structuredContent as { items: { id: string }[] }).items.map((u) => u.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(page.items[0]?.id);
  });

  it("branding_image_set takes CSS text and base64 bytes, bounded like the files", async () => {
    const css = await client.callTool({
      name: "branding_image_set",
      arguments: { stream: "customCSS", text: ".ext-sign-in-box { color: #123456 }" },
    });
    expect(css.isError, textOf(css)).toBeFalsy();
    expect(css.structuredContent).toMatchObject({ stream: "customCSS", contentType: "text/css" });
    const huge = await client.callTool({
      name: "branding_image_set",
      arguments: { stream: "backgroundImage", contentBase64: "A".repeat(410_000) },
    });
    expect(huge.isError).toBe(true);
    expect(textOf(huge)).toMatch(/contentBase64: Too big: expected string to have <=409600 characters/);
  });
});

describe("the trust framework uploads inline (B2C tenant)", () => {
  it("upload a policy as XML and a certificate as PEM", async () => {
    const conn = b2cDemoConnection(backend.emulator.store, backend.emulator.loginUrl);
    if (conn === undefined) throw new Error("the emulator seeded no B2C tenant");
    const b2c = b2cDemoClient(backend.emulator);
    const client = await connectClient({ client: b2c }, { toolsets: ["trust-framework"] });
    const xml = `<TrustFrameworkPolicy xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" PolicySchemaVersion="0.3.0.0" TenantId="${conn.domain}" PolicyId="B2C_1A_InlineBase"></TrustFrameworkPolicy>`;
    const policy = await client.callTool({ name: "trust_framework_policy_upload", arguments: { xml } });
    expect(policy.isError, textOf(policy)).toBeFalsy();
    expect(policy.structuredContent).toEqual({ id: "B2C_1A_InlineBase", created: true });
    const set = await client.callTool({
      name: "trust_framework_keyset_create",
      arguments: { id: "InlinePartner" },
    });
    expect(set.isError, textOf(set)).toBeFalsy();
    const pem = backend.emulator.tenants[0]?.certificate?.cert as string;
    const cert = await client.callTool({
      name: "trust_framework_keyset_upload_certificate",
      arguments: { id: "InlinePartner", certificate: pem },
    });
    expect(cert.isError, textOf(cert)).toBeFalsy();
    expect(cert.structuredContent).toMatchObject({ kty: "RSA" });
    await client.close();
    await b2c.close();
  });
});
