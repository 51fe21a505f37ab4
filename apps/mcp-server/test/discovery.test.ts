import { operations } from "@ciamkit/core";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { resolvedHints } from "../src/tools/annotations.ts";
import { connectClient, textOf, useBackend } from "./helpers/harness.ts";

const backend = useBackend();
const mark = () => backend.emulator.control.monitor.requests().length;
const graphCalls = (since: number) =>
  backend.emulator.control.monitor
    .requests()
    .slice(since)
    .filter((r) => r.service === "graph");

describe("discovery mode", () => {
  it("lists three meta-tools in under 3k tokens, each with its meaningful hints", async () => {
    const client = await connectClient(backend, { discovery: true });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["operation_search", "operation_describe", "operation_run"]);
    expect(JSON.stringify(tools).length / 4).toBeLessThan(3000);
    for (const tool of tools) {
      // A read tool says readOnlyHint alone; a tool that writes says destructive and idempotent.
      const keys = Object.keys(tool.annotations ?? {}).sort();
      expect(keys).toEqual(
        tool.annotations?.readOnlyHint ? ["readOnlyHint"] : ["destructiveHint", "idempotentHint"],
      );
      expect(resolvedHints(tool.annotations).openWorldHint).toBe(true);
    }
    await client.close();
  });

  it("finds operations by keywords and describes one with its input schema", async () => {
    const client = await connectClient(backend, { discovery: true });
    const found = await client.callTool({ name: "operation_search", arguments: { query: "delete users" } });
    const names = (found.structuredContent as { operations: { name: string }[] }).operations.map(
      (o) => o.name,
    );
    expect(names[0]).toBe("user_delete");
    const described = await client.callTool({ name: "operation_describe", arguments: { name: "user_list" } });
    expect(described.structuredContent).toMatchObject({
      name: "user_list",
      access: "read",
      permissions: ["User.Read.All"],
      inputSchema: { type: "object", properties: { limit: { maximum: 100 } } },
    });
    await client.close();
  });

  it("runs an operation through the same wrapper: its schema is enforced before anything is sent", async () => {
    const client = await connectClient(backend, { discovery: true });
    const before = mark();
    const result = await client.callTool({
      name: "operation_run",
      arguments: { name: "user_list", input: { limit: 5000 } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Invalid input for user_list .*limit/);
    expect(graphCalls(before)).toEqual([]);
    await client.close();
  });

  it("keeps read-only mode: write operations cannot be found, described or run", async () => {
    const logged: string[] = [];
    const client = await connectClient(backend, {
      discovery: true,
      readOnly: true,
      log: (line) => logged.push(line),
    });
    const found = await client.callTool({ name: "operation_search", arguments: { query: "" } });
    const listed = (found.structuredContent as { operations: { access: string }[] }).operations;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((o) => o.access === "read")).toBe(true);
    const before = mark();
    const run = await client.callTool({
      name: "operation_run",
      arguments: { name: "user_delete", input: { id: "x" } },
    });
    expect(run.isError).toBe(true);
    expect(textOf(run)).toMatch(/No operation named user_delete/);
    expect(graphCalls(before)).toEqual([]);
    expect(logged).toContain("ciam-mcp: operation_run refused user_delete (not offered)");
    const { tools } = await client.listTools();
    expect(resolvedHints(tools.find((t) => t.name === "operation_run")?.annotations)).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    await client.close();
  });

  it("keeps confirmations: a declined destructive operation sends nothing", async () => {
    const client = await connectClient(backend, { discovery: true }, { capabilities: { elicitation: {} } });
    let asked = 0;
    client.setRequestHandler(ElicitRequestSchema, () => {
      asked++;
      return { action: "decline" };
    });
    const before = mark();
    const run = await client.callTool({
      name: "operation_run",
      arguments: { name: "user_delete", input: { id: "ada@example.com" } },
    });
    expect(asked).toBe(1);
    expect(run.isError).toBe(true);
    // Only the read that names the object in the question; no change.
    expect(graphCalls(before).filter((r) => r.method !== "GET")).toEqual([]);
    await client.close();
  });

  it("describes every operation of the catalog", async () => {
    const client = await connectClient(backend, { discovery: true });
    for (const op of operations) {
      const described = await client.callTool({ name: "operation_describe", arguments: { name: op.name } });
      expect(described.isError, op.name).toBeFalsy();
    }
    await client.close();
  });
});
