import { type Operation, operations } from "@ciamkit/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildManifest, commandSpec } from "../src/manifest/build-manifest.ts";

describe("the command manifest", () => {
  it("has one command per catalog operation, in catalog order", () => {
    expect(buildManifest().commands.map((c) => c.operation)).toEqual(operations.map((op) => op.name));
  });

  it("matches the built manifest the CLI reads at start", async () => {
    const { readFileSync, existsSync } = await import("node:fs");
    const built = new URL("../dist/manifest.json", import.meta.url);
    if (!existsSync(built))
      return expect.fail("apps/cli is not built: run `pnpm exec turbo run build --filter @ciamkit/cli...`");
    expect(JSON.parse(readFileSync(built, "utf8"))).toEqual(buildManifest());
  });

  const op = (
    input: z.ZodObject<z.ZodRawShape>,
    output: z.ZodObject<z.ZodRawShape> = z.object({}),
    markers: Partial<Operation> = {},
  ) =>
    commandSpec({
      ...markers,
      name: "widget_make",
      area: "widgets",
      title: "Make a widget",
      description: "Makes one.",
      access: "write",
      permissions: ["Widget.ReadWrite.All"],
      input,
      output,
      run: async () => ({}),
    });

  it.each([
    [
      "a required string",
      z.object({ displayName: z.string() }),
      { flag: "display-name", type: "string", required: true, array: false },
    ],
    [
      "an optional number",
      z.object({ size: z.number().optional() }),
      { flag: "size", type: "number", required: false },
    ],
    [
      "an integer with a maximum",
      z.object({ count: z.number().int().max(5) }),
      { type: "integer", maximum: 5 },
    ],
    [
      "a field with a default (not required)",
      z.object({ kind: z.enum(["a", "b"]).default("a") }),
      { required: false, choices: ["a", "b"], default: "a" },
    ],
    [
      "a repeatable array",
      z.object({ memberIds: z.array(z.string()).min(1) }),
      { flag: "member-ids", type: "string", array: true, required: true },
    ],
    [
      "a nullable string",
      z.object({ city: z.string().nullable().optional() }),
      { type: "string", required: false },
    ],
    [
      "a boolean",
      z.object({ accountEnabled: z.boolean().optional() }),
      { flag: "account-enabled", type: "boolean" },
    ],
    [
      "an object (JSON text)",
      z.object({ extra: z.object({ a: z.string() }).optional() }),
      { type: "json", array: false },
    ],
    ["a uuid format", z.object({ appId: z.uuid() }), { format: "uuid" }],
    [
      "a name clashing with a global flag",
      z.object({ output: z.string().optional() }),
      { flag: "param-output" },
    ],
    [
      "a secret documented as write-only",
      z.object({ clientSecret: z.string().describe("The client secret; write-only, never returned.") }),
      { flag: "client-secret", secret: true },
    ],
    [
      "a secret marked with JSON Schema's writeOnly",
      z.object({ key: z.string().optional().meta({ writeOnly: true }) }),
      { secret: true },
    ],
    ["bytes as base64, by name", z.object({ contentBase64: z.string().optional() }), { encoding: "base64" }],
    ["bytes as base64, by contentEncoding", z.object({ data: z.base64() }), { encoding: "base64" }],
  ])("derives %s", (_name, input, expected) => {
    expect(op(input).options[0]).toMatchObject(expected);
  });

  it("takes an operation's positional input as the argument, its flag no longer required", () => {
    const byName = new Map(buildManifest().commands.map((c) => [c.operation, c]));
    const imports = byName.get("user_import");
    // Optional now: the same data can be given inline (--content, --rows), as MCP clients give it.
    expect(imports?.positional).toEqual({ field: "file", required: false });
    expect(imports?.options.find((o) => o.field === "file")?.required).toBe(false);
    expect(imports?.example).toBe("ciam user import users.csv");
    expect(byName.get("user_export")?.positional).toEqual({ field: "file", required: false });
    expect(byName.get("user_list")?.positional).toBeUndefined();
  });

  it("names the inputs that write a file, so read-only mode can refuse them", () => {
    const writes = buildManifest()
      .commands.filter((c) => c.writesFiles !== undefined)
      .map((c) => [c.operation, c.writesFiles]);
    expect(writes).toEqual([
      ["user_import", ["rejectFile", "journalFile", "reportFile"]],
      ["user_bulk_delete", ["journalFile", "reportFile"]],
      ["user_export", ["file", "stateFile"]],
      ["branding_image_get", ["saveTo"]],
      ["config_export", ["dir"]],
      ["migration_inventory", ["report"]],
      ["migration_users", ["journalFile", "reportFile"]],
      ["migration_jit_setup", ["privateKeyOut"]],
    ]);
  });

  it("marks a JSON option whose schema also takes a string (a path) as taking text", () => {
    const options = buildManifest().commands.find((c) => c.operation === "user_import")?.options ?? [];
    expect(options.find((o) => o.field === "mapping")).toMatchObject({ type: "json", text: true });
    expect(options.find((o) => o.field === "map")).toMatchObject({ type: "string", array: true });
  });

  it("pages the operations the catalog marks as lists, and only those", () => {
    const paging = z.object({
      limit: z.number().int().max(1000).default(100),
      cursor: z.string().optional(),
    });
    const page = z.object({ items: z.array(z.string()), nextCursor: z.string().optional() });
    expect(op(paging, page, { list: true }).list).toBe(true);
    // Paging-like fields without the marker are plain options (the CLI no longer guesses).
    expect(op(paging, page).list).toBe(false);
    const listed = buildManifest()
      .commands.filter((c) => c.list)
      .map((c) => c.operation);
    expect(listed).toEqual(operations.filter((o) => o.list === true).map((o) => o.name));
    expect(listed).toContain("user_list");
  });

  it("offers no flag for an MCP-only input and records it, and carries the binary marker", () => {
    const spec = op(
      z.object({ id: z.string(), inline: z.string().optional() }),
      z.object({ bytes: z.string().optional() }),
      { inputSurfaces: { inline: "mcp" }, binary: "bytes" },
    );
    expect(spec.options.map((o) => o.field)).toEqual(["id"]);
    expect(spec.notOffered).toEqual(["inline"]);
    expect(spec.binary).toBe("bytes");
    // A CLI-only input is a flag like any other.
    const image = buildManifest().commands.find((c) => c.operation === "branding_image_get");
    expect(image?.options.map((o) => o.flag)).toContain("save-to");
    expect(image?.binary).toBe("contentBase64");
  });

  it("shows a required secret read from stdin in the example", () => {
    expect(
      op(z.object({ id: z.string(), secret: z.string().describe("The secret value; write-only.") })).example,
    ).toBe('printf %s "$SECRET" | ciam widget make --id 00000000-0000-0000-0000-000000000000 --secret-stdin');
    expect(op(z.object({ note: z.string().describe("A note.") })).options[0]?.secret).toBeUndefined();
  });

  it("writes an example with the required options", () => {
    expect(
      op(z.object({ displayName: z.string(), appId: z.uuid(), note: z.string().optional() })).example,
    ).toBe(
      'ciam widget make --display-name "Example display name" --app-id 00000000-0000-0000-0000-000000000000',
    );
  });

  it("prints every list as an array: the reads that answer one whole list name its field", () => {
    // One list shape: paged lists stream their items as one array; these print their list field so
    // `--query "[].id"`, TSV lines and table rows work the same on every list.
    const listed = Object.fromEntries(
      buildManifest()
        .commands.filter((c) => c.listField !== undefined)
        .map((c) => [c.operation, c.listField]),
    );
    expect(listed).toEqual({
      user_find: "users",
      user_app_role_list: "items",
      app_grant_list: "grants",
      app_consent_list: "grants",
      user_flow_app_list: "applications",
      user_flow_idp_list: "identityProviders",
      user_flow_attribute_list: "attributes",
      user_flow_attribute_list_all: "items",
      identity_provider_list: "items",
      identity_provider_types: "types",
      branding_localization_list: "items",
      trust_framework_policy_list: "items",
      trust_framework_keyset_list: "items",
      security_auth_method_list: "items",
      security_ca_list: "items",
      fraud_provider_list: "items",
      domain_list: "items",
    });
    // A get keeps its object; a paged list is printed from its items by the pager.
    expect(
      buildManifest().commands.find((c) => c.operation === "trust_framework_keyset_get")?.listField,
    ).toBe(undefined);
  });
});
