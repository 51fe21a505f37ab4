import { operations } from "@ciamkit/core";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { createCiamMcpServer } from "../src/server.ts";
import { connectClient, textOf, useBackend } from "./helpers/harness.ts";

const backend = useBackend();

/** Graph requests the emulator served with this method since the mark. */
function graphCalls(method: string, since: number) {
  return backend.emulator.control.monitor
    .requests()
    .slice(since)
    .filter((r) => r.service === "graph" && r.method === method);
}
const mark = () => backend.emulator.control.monitor.requests().length;

const destructive = operations.find((op) => op.access === "destructive" && op.name === "user_delete");
if (destructive === undefined) throw new Error("the catalog has no user_delete");

describe("read-only mode and narrowing (contract)", () => {
  it("hides every write and destructive tool and keeps every read tool", async () => {
    const client = await connectClient(backend, { readOnly: true });
    const listed = (await client.listTools()).tools;
    expect(listed.map((t) => t.name)).toEqual(
      operations.filter((op) => op.access === "read").map((op) => op.name),
    );
    for (const tool of listed) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    await client.close();
  });

  it("refuses a hidden tool without calling the tenant", async () => {
    const lines: string[] = [];
    const client = await connectClient(backend, {
      readOnly: true,
      allowDestructive: true,
      log: (line) => lines.push(line),
    });
    const before = mark();
    const result = await client.callTool({ name: "user_delete", arguments: { id: "ada@example.com" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "Refused: user_delete is not offered by this server (ciam-mcp was started with --read-only and user_delete is a destructive tool). Nothing was changed. Next: use the listed tools, or ask the user to restart ciam-mcp with the tool enabled.",
    );
    expect(graphCalls("DELETE", before)).toEqual([]);
    // Logged on stderr like every call (docs/mcp.md), without its arguments.
    expect(lines).toEqual(["ciam-mcp: user_delete refused by --read-only"]);
    await client.close();
  });

  it("logs a refusal by --toolsets, and an operation_run of a hidden operation in discovery mode", async () => {
    const lines: string[] = [];
    const client = await connectClient(backend, { toolsets: ["groups"], log: (line) => lines.push(line) });
    await client.callTool({ name: "user_list", arguments: {} });
    await client.close();
    const discovery = await connectClient(backend, {
      discovery: true,
      readOnly: true,
      log: (line) => lines.push(line),
    });
    const run = await discovery.callTool({
      name: "operation_run",
      arguments: { name: "user_delete", input: { id: "ada@example.com" } },
    });
    expect(run.isError).toBe(true);
    await discovery.close();
    expect(lines).toEqual([
      "ciam-mcp: user_list refused by --toolsets",
      "ciam-mcp: operation_run refused user_delete (not offered)",
    ]);
  });

  it("narrows to toolsets and tools, and rejects names the catalog does not have", async () => {
    const client = await connectClient(backend, {
      toolsets: ["groups"],
      tools: ["group_list", "group_get", "user_list"],
    });
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["group_list", "group_get"]);
    const before = mark();
    const refused = await client.callTool({ name: "user_list", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/--toolsets groups, which leaves out users/);
    expect(
      backend.emulator.control.monitor
        .requests()
        .slice(before)
        .filter((r) => r.service === "graph"),
    ).toEqual([]);
    await client.close();
    expect(() => createCiamMcpServer({ runner: backend.client, toolsets: ["nope"] })).toThrow(
      /Unknown toolset nope/,
    );
    expect(() => createCiamMcpServer({ runner: backend.client, tools: ["user_nuke"] })).toThrow(
      /Unknown tool user_nuke/,
    );
  });
});

describe("destructive tools ask the user", () => {
  /** A client that can elicit, answering every confirmation with `answer`, and the messages it was shown. */
  async function elicitingClient(answer: ElicitResult, options: { allowDestructive?: boolean } = {}) {
    const shown: string[] = [];
    const client: Client = await connectClient(backend, options, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      shown.push(request.params.message);
      return answer;
    });
    return { client, shown };
  }

  it.each([
    ["declined", { action: "decline" }],
    ["cancelled", { action: "cancel" }],
    ["declined", { action: "accept", content: { confirm: false } }],
  ] as const)("a %s confirmation changes nothing (%j)", async (word, answer) => {
    const { client, shown } = await elicitingClient(answer as ElicitResult, { allowDestructive: true });
    const before = mark();
    const result = await client.callTool({ name: "user_delete", arguments: { id: "ada@example.com" } });
    expect(shown).toEqual([expect.stringContaining("id=ada@example.com")]);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`the user ${word} user_delete. Nothing was changed.`);
    expect(graphCalls("DELETE", before)).toEqual([]);
    await client.close();
  });

  it("names the object in the question, read with the area's get tool", async () => {
    const { client, shown } = await elicitingClient({ action: "decline" });
    const groups = await client.callTool({ name: "group_list", arguments: {} });
    const items = (groups.structuredContent as { items: { id: string; displayName: string }[] }).items;
    const group = items[0];
    if (group === undefined) throw new Error("the demo tenant has no group");
    const before = mark();
    await client.callTool({ name: "group_delete", arguments: { id: group.id } });
    expect(shown).toEqual([
      `Delete a group '${group.displayName}' (id=${group.id})? This cannot be undone from here.`,
    ]);
    expect(graphCalls("DELETE", before)).toEqual([]);
    await client.close();
  });

  it.each([
    ["user_delete", { id: "ada@example.com" }, "This cannot be undone from here."],
    [
      "group_member_remove",
      { id: "g1", memberId: "m1" },
      "Only the link is removed: both objects stay, and it can be added back later.",
    ],
    [
      "user_flow_app_remove",
      { flow: "f1", appId: "0b8c9f3e-1d2a-4b5c-8e7f-6a5b4c3d2e1f" },
      "Only the link is removed: both objects stay, and it can be added back later.",
    ],
    [
      "app_password_remove",
      { id: "a1", keyId: "0b8c9f3e-1d2a-4b5c-8e7f-6a5b4c3d2e1f" },
      "it cannot be restored.",
    ],
  ] as const)("words the question for %s by what it removes", async (name, args, ending) => {
    const { client, shown } = await elicitingClient({ action: "decline" });
    const result = await client.callTool({ name, arguments: args });
    expect(textOf(result)).toContain(`the user declined ${name}`);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.endsWith(ending)).toBe(true);
    await client.close();
  });

  it("an accepted confirmation runs the operation", async () => {
    const { client, shown } = await elicitingClient({ action: "accept", content: { confirm: true } });
    const before = mark();
    await client.callTool({ name: "user_delete", arguments: { id: "ada@example.com" } });
    expect(shown).toHaveLength(1);
    expect(graphCalls("DELETE", before).map((r) => r.path)).toEqual([
      expect.stringContaining("/users/ada%40example.com"),
    ]);
    await client.close();
  });

  it("is refused when the client cannot ask, and nothing is sent", async () => {
    const client = await connectClient(backend);
    const before = mark();
    const result = await client.callTool({ name: "user_delete", arguments: { id: "ada@example.com" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Refused: user_delete is destructive.*--allow-destructive/s);
    expect(graphCalls("DELETE", before)).toEqual([]);
    await client.close();
  });

  it("runs without asking when the client cannot ask and the server allows destructive tools", async () => {
    const client = await connectClient(backend, { allowDestructive: true });
    const before = mark();
    await client.callTool({ name: "user_delete", arguments: { id: "ada@example.com" } });
    expect(graphCalls("DELETE", before)).toHaveLength(1);
    await client.close();
  });

  it("does not ask for read and write tools", async () => {
    const { client, shown } = await elicitingClient({ action: "decline" });
    await client.callTool({ name: "user_list", arguments: {} });
    await client.callTool({ name: "group_create", arguments: { displayName: "Testers" } });
    expect(shown).toEqual([]);
    await client.close();
  });
});
