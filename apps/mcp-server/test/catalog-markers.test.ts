import { defineOperation } from "@ciamkit/core";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resolvedHints } from "../src/tools/annotations.ts";
import { connectClient, textOf, useBackend } from "./helpers/harness.ts";

const backend = useBackend();

describe("annotations from the catalog's markers", () => {
  // A model may retry an idempotent tool after a timeout; it must not retry a create.
  it.each([
    ["user_create", false],
    ["user_update", true],
    ["user_delete", true],
    ["app_password_add", false],
    ["group_member_add", true],
    ["branding_image_set", true],
    ["user_flow_setup", true],
    ["user_list", true],
  ])("%s has idempotentHint %s", async (name, idempotent) => {
    const client = await connectClient(backend, { tools: [name] });
    const [tool] = (await client.listTools()).tools;
    expect(resolvedHints(tool?.annotations).idempotentHint).toBe(idempotent);
    await client.close();
  });
});

// No catalog operation has a CLI-only input now (paths follow the file rule, see host-paths.test.ts);
// the marker still works for one that would, as this small catalog shows.
const widget = defineOperation({
  name: "widget_get",
  area: "widgets",
  title: "Get a widget",
  description: "Gets one.",
  access: "read",
  permissions: [],
  inputSurfaces: { terminalWidth: "cli" },
  input: z.object({ id: z.string(), terminalWidth: z.number().int().optional() }),
  output: z.object({ id: z.string() }),
  run: async (_ctx, input) => ({ id: input.id }),
});

describe("CLI-only inputs", () => {
  it("are not listed, and are refused without calling anything", async () => {
    const calls: unknown[] = [];
    const runner = {
      run: async (_op: unknown, input: unknown) => {
        calls.push(input);
        return { id: "w1" };
      },
    };
    const client = await connectClient({ client: runner }, { catalog: [widget] });
    const { tools } = await client.listTools();
    expect(Object.keys((tools[0] as Tool).inputSchema.properties ?? {})).toEqual(["id"]);
    const result = await client.callTool({ name: "widget_get", arguments: { id: "w1", terminalWidth: 80 } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("terminalWidth is offered by the ciam CLI only");
    expect(calls).toEqual([]);
    await client.close();
  });

  it("are left out of operation_describe and refused by operation_run in discovery mode", async () => {
    const calls: unknown[] = [];
    const runner = {
      run: async (_op: unknown, input: unknown) => {
        calls.push(input);
        return { id: "w1" };
      },
    };
    const client = await connectClient({ client: runner }, { catalog: [widget], discovery: true });
    const described = await client.callTool({
      name: "operation_describe",
      arguments: { name: "widget_get" },
    });
    const schema = (described.structuredContent as { inputSchema: { properties: Record<string, unknown> } })
      .inputSchema;
    expect(Object.keys(schema.properties)).toEqual(["id"]);
    const run = await client.callTool({
      name: "operation_run",
      arguments: { name: "widget_get", input: { id: "w1", terminalWidth: 80 } },
    });
    expect(run.isError).toBe(true);
    expect(textOf(run)).toContain("terminalWidth is offered by the ciam CLI only");
    expect(calls).toEqual([]);
    await client.close();
  });
});
