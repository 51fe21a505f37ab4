import { defineOperation, type Operation } from "@ciamkit/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_TEXT_LENGTH } from "../src/tools/compact.ts";
import { connectClient, textOf } from "./helpers/harness.ts";

// Output shapes the catalog uses: required-but-nullable, nullish, required and optional lists, nesting.
const thing = defineOperation({
  name: "thing_get",
  area: "things",
  title: "Get a thing",
  description: "Test operation.",
  access: "read",
  binary: "contentBase64",
  permissions: [],
  input: z.object({}),
  output: z.object({
    id: z.string(),
    description: z.string().nullable(),
    nickname: z.string().nullish(),
    tags: z.array(z.string()),
    phones: z.array(z.string()).optional(),
    nested: z.object({ note: z.string().nullable(), extra: z.string().nullish() }).nullish(),
    items: z.array(z.object({ name: z.string(), alias: z.string().nullish() })),
    logoPath: z
      .string()
      .regex(/\.png$/)
      .nullish(),
    contentBase64: z.string().optional(),
  }),
  run: async () => {
    throw new Error("answered by the test runner");
  },
});

/** Connects to a server whose one tool returns `output` (parsed by the operation's schema, as core does). */
async function serving(output: unknown) {
  const runner = { run: async (op: Operation) => op.output.parse(output) };
  return connectClient({ client: runner }, { catalog: [thing] });
}

describe("compaction keeps results valid against the listed output schema", () => {
  it("leaves file contents out of the result and says where to read them", async () => {
    const client = await serving({
      id: "t4",
      description: null,
      tags: [],
      items: [],
      contentBase64: "iVBORw0KGgo=",
    });
    const result = await client.callTool({ name: "thing_get", arguments: {} });
    expect(result.structuredContent).toEqual({ id: "t4", description: null, tags: [], items: [] });
    expect(textOf(result)).toContain(
      "Note: contentBase64 (12 base64 characters) was left out; read the file as an MCP resource instead.",
    );
    await client.close();
  });

  it("drops optional nulls and empty lists, keeps required ones (the SDK client validates the result)", async () => {
    const client = await serving({
      id: "t1",
      description: null,
      nickname: null,
      tags: [],
      phones: [],
      nested: { note: null, extra: null },
      items: [{ name: "a", alias: null }],
      logoPath: null,
    });
    const result = await client.callTool({ name: "thing_get", arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      id: "t1",
      description: null,
      tags: [],
      nested: { note: null },
      items: [{ name: "a" }],
    });
    const { tools } = await client.listTools();
    const schema = tools[0]?.outputSchema as { properties: Record<string, { type?: unknown }> };
    // Values are listed as any value (the SDK client checked the null description against that);
    // lists stay lists.
    expect(schema.properties.description).toEqual({});
    expect(schema.properties.nickname).toEqual({});
    expect(schema.properties.tags).toEqual({ type: "array" });
    await client.close();
  });

  it("cuts long text, but not where the cut would break a checked format", async () => {
    const long = "x".repeat(MAX_TEXT_LENGTH + 100);
    const client = await serving({
      id: "t2",
      description: long,
      tags: [],
      items: [],
      logoPath: `/${long}.png`,
    });
    const cut = await client.callTool({ name: "thing_get", arguments: {} });
    // A cut path would no longer end in .png, so this result keeps every string whole.
    expect((cut.structuredContent as { logoPath: string }).logoPath).toHaveLength(long.length + 5);
    expect((cut.structuredContent as { description: string }).description).toBe(long);
    await client.close();

    const plain = await serving({ id: "t3", description: long, tags: [], items: [] });
    const result = await plain.callTool({ name: "thing_get", arguments: {} });
    expect((result.structuredContent as { description: string }).description).toHaveLength(
      MAX_TEXT_LENGTH + 1,
    );
    expect(textOf(result)).toContain(
      `Note: description was cut to ${MAX_TEXT_LENGTH} of ${long.length} characters`,
    );
    await plain.close();
  });
});
