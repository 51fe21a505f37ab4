import { describe, expect, it } from "vitest";
import { z } from "zod";
import { measureToolList } from "../src/reference/measure-tool-list.ts";
import { slimSchema } from "../src/tools/slim-schema.ts";

// What each tool's input and output schema keeps on the wire (ADR 0005). How repeated shapes are
// named instead of repeated: schema-references.test.ts.
const input = (schema: z.ZodType) =>
  slimSchema(z.toJSONSchema(schema, { target: "draft-07", io: "input" }), false);
const output = (schema: z.ZodType) =>
  slimSchema(z.toJSONSchema(schema, { target: "draft-07", io: "output" }), true);

describe("input schemas in tools/list", () => {
  it.each([
    ["a non-empty bounded string keeps only its type", z.string().min(1).max(256), { type: "string" }],
    ["a pattern goes (zod still checks it)", z.string().regex(/^B2C_1A_/), { type: "string" }],
    [
      "a UUID pattern becomes a format",
      z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/),
      { type: "string", format: "uuid" },
    ],
    // Not `type: [t, "null"]`: single-`type` clients (Gemini) reject it; see slimSchema.
    [
      "a nullable string is an anyOf with null",
      z.string().max(64).nullable(),
      { anyOf: [{ type: "string" }, { type: "null" }] },
    ],
    [
      "a nullable enum allows null",
      z.enum(["a", "b"]).nullable(),
      { anyOf: [{ type: "string", enum: ["a", "b"] }, { type: "null" }] },
    ],
    [
      "a type list zod emits becomes an anyOf, the description beside it",
      z.boolean().nullable().optional().describe("Shown."),
      { anyOf: [{ type: "boolean" }, { type: "null" }], description: "Shown." },
    ],
    [
      "descriptions, defaults and bounds that matter stay",
      z.number().int().min(1).max(100).default(20).describe("Page size."),
      { type: "integer", minimum: 1, maximum: 100, default: 20, description: "Page size." },
    ],
    [
      "non-empty arrays lose minItems: 1, and maxItems",
      z.array(z.string()).min(1).max(50),
      { type: "array", items: { type: "string" } },
    ],
    [
      "a record with any string keys loses propertyNames",
      z.record(z.string().max(512), z.string()),
      { type: "object", additionalProperties: { type: "string" } },
    ],
    [
      "a record with enum keys keeps them",
      z.partialRecord(z.enum(["a", "b"]), z.string()),
      {
        type: "object",
        propertyNames: { type: "string", enum: ["a", "b"] },
        additionalProperties: { type: "string" },
      },
    ],
  ])("%s", (_case, schema, expected) => {
    expect(input(schema)).toEqual(expected);
  });

  it("lists no `type` array anywhere in the catalog (MCP Inspector --strict: type-union)", async () => {
    const { result } = await measureToolList("(all tools)", {});
    const typeLists: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`);
      } else if (node !== null && typeof node === "object") {
        if (Array.isArray((node as { type?: unknown }).type)) typeLists.push(path);
        for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`);
      }
    };
    for (const tool of result.tools) {
      walk(tool.inputSchema, `${tool.name}.inputSchema`);
      walk(tool.outputSchema, `${tool.name}.outputSchema`);
    }
    expect(typeLists).toEqual([]);
  });

  it("keeps nested objects with their required fields", () => {
    const schema = z.object({ page: z.object({ views: z.array(z.object({ title: z.string() })) }) });
    expect(input(schema)).toMatchObject({
      properties: {
        page: { properties: { views: { items: { properties: { title: { type: "string" } } } } } },
      },
    });
  });
});

describe("output schemas in tools/list", () => {
  const entity = z.object({
    id: z.string().describe("The id."),
    name: z.string().max(10).optional(),
    settings: z.object({ a: z.string() }).optional(),
    tags: z.array(z.object({ key: z.string(), nested: z.object({ x: z.string() }) })),
  });

  it("gives the result's properties by name, list items one level deep (their properties say they are objects), and no descriptions", () => {
    expect(output(entity)).toEqual({
      type: "object",
      properties: {
        id: { type: "string" },
        name: {},
        settings: {},
        tags: {
          type: "array",
          items: {
            properties: { key: {}, nested: {} },
          },
        },
      },
      required: ["id"],
    });
  });

  it.each([
    ["a plain string is any value", z.object({ name: z.string() }), { name: {} }, undefined],
    ["a required nullable string too", z.object({ note: z.string().nullable() }), { note: {} }, undefined],
    [
      "a required id keeps its type and stays required",
      z.object({ id: z.string(), appId: z.string() }),
      { id: { type: "string" }, appId: { type: "string" } },
      ["id", "appId"],
    ],
    [
      "a nullable id is any value and not required",
      z.object({ extensionId: z.string().nullable() }),
      { extensionId: {} },
      undefined,
    ],
    [
      "an enum is its type only",
      z.object({ status: z.enum(["added", "failed"]) }),
      { status: {} },
      undefined,
    ],
    [
      "booleans, numbers, constants and nested objects are any value",
      z.object({
        ok: z.boolean(),
        n: z.number().int(),
        deleted: z.literal(true),
        web: z.object({ a: z.string() }),
      }),
      { ok: {}, n: {}, deleted: {}, web: {} },
      undefined,
    ],
    [
      "a list of plain values is a list; a list of objects names its items' properties",
      z.object({ ids: z.array(z.string()), keys: z.array(z.object({ a: z.string() })).optional() }),
      { ids: { type: "array" }, keys: { type: "array", items: { properties: { a: {} } } } },
      undefined,
    ],
    [
      "a required nullable list is any value, so its null still matches",
      z.object({ ids: z.array(z.string()).nullable() }),
      { ids: {} },
      undefined,
    ],
  ])("%s", (_case, schema, properties, required) => {
    const listed = output(schema) as { properties: unknown; required?: unknown };
    expect(listed.properties).toEqual(properties);
    expect(listed.required).toEqual(required);
  });
});
