import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCiamMcpServer } from "../src/server.ts";
import { type McpHttpServer, startMcpHttpServer } from "../src/transports/http/http-server.ts";
import { type Backend, startBackend, textOf } from "./helpers/harness.ts";
import { TEST_TOKEN } from "./helpers/raw-http.ts";

let backend: Backend;
let http: McpHttpServer;
beforeAll(async () => {
  backend = await startBackend();
  http = await startMcpHttpServer({
    createServer: () => createCiamMcpServer({ runner: backend.client }),
    token: TEST_TOKEN,
  });
});
afterAll(async () => {
  await http.close();
  await backend.close();
});

async function httpClient(): Promise<Client> {
  const client = new Client({ name: "http-tools", version: "1" }, { capabilities: { elicitation: {} } });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(http.url), {
      requestInit: { headers: { authorization: `Bearer ${TEST_TOKEN}` } },
    }),
  );
  return client;
}

describe("tools over Streamable HTTP", () => {
  it("asks for confirmation on the call's stream, and a declined one sends nothing", async () => {
    const client = await httpClient();
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return { action: "decline" };
    });
    const before = backend.emulator.control.monitor.requests().length;
    const result = await client.callTool({ name: "group_delete", arguments: { id: "some-group" } });
    expect(asked).toEqual([expect.stringContaining("id=some-group")]);
    expect(textOf(result)).toContain("the user declined group_delete. Nothing was changed.");
    const deletes = backend.emulator.control.monitor
      .requests()
      .slice(before)
      .filter((r) => r.method === "DELETE");
    expect(deletes).toEqual([]);
    await client.close();
  });

  it("streams progress of a bulk operation", async () => {
    const client = await httpClient();
    const groups = await client.callTool({ name: "group_list", arguments: {} });
    const users = await client.callTool({ name: "user_list", arguments: { limit: 2 } });
    const ids = (r: Record<string, unknown>) =>
      (r.structuredContent as { items: { id: string }[] }).items.map((i) => i.id);
    const seen: Progress[] = [];
    const result = await client.callTool(
      { name: "group_member_add", arguments: { id: ids(groups)[0], memberIds: ids(users) } },
      undefined,
      { onprogress: (p) => seen.push(p) },
    );
    expect(result.isError).toBeFalsy();
    expect(seen.map((p) => [p.progress, p.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    await client.close();
  });
});
