import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { createCiamMcpServer } from "../src/server.ts";
import { isLoopbackHost } from "../src/transports/http/host-check.ts";
import { type McpHttpServer, startMcpHttpServer } from "../src/transports/http/http-server.ts";
import { initialize, rawPost, TEST_TOKEN } from "./helpers/raw-http.ts";

/** Transport tests never run an operation: a server whose runner refuses, to prove it. */
const createServer = () =>
  createCiamMcpServer({
    runner: { run: () => Promise.reject(new Error("transport tests run no operation")) },
  });

let running: McpHttpServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("Streamable HTTP transport", () => {
  it("serves a real MCP client that sends the bearer token, one session per client", async () => {
    running = await startMcpHttpServer({ createServer, token: TEST_TOKEN });
    const client = new Client({ name: "test", version: "1" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(running.url), {
        requestInit: { headers: { authorization: `Bearer ${TEST_TOKEN}` } },
      }),
    );
    await client.ping();
    expect(client.getServerVersion()?.name).toBe("ciamkit");
    expect(running.sessions()).toBe(1);
    await client.close();
  });

  it("generates a token when none is given and refuses requests without it", async () => {
    running = await startMcpHttpServer({ createServer });
    expect(running.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const missing = await rawPost(running.url, {}, initialize);
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toContain("Bearer");
    // Says how to send it and where it comes from (printed, or the user's own CIAM_MCP_TOKEN).
    expect(JSON.parse(missing.body).error.message).toMatch(/Authorization: Bearer <token>.*CIAM_MCP_TOKEN/);
    const wrong = await rawPost(running.url, { authorization: "Bearer nope" }, initialize);
    expect(wrong.status).toBe(401);
    expect(running.sessions()).toBe(0);
    const right = await rawPost(running.url, { authorization: `Bearer ${running.token}` }, initialize);
    expect(right.status).toBe(200);
  });

  it.each([
    ["a foreign Host (DNS rebinding)", { host: "evil.example:80" }],
    ["a foreign Origin", { origin: "http://evil.example" }],
  ])("refuses %s before checking anything else", async (_name, headers) => {
    running = await startMcpHttpServer({ createServer, token: TEST_TOKEN });
    const res = await rawPost(running.url, { authorization: `Bearer ${TEST_TOKEN}`, ...headers }, initialize);
    expect(res.status).toBe(403);
    expect(running.sessions()).toBe(0);
  });

  it("answers 404 for an unknown session and 400 for a first request that is not initialize", async () => {
    running = await startMcpHttpServer({ createServer, token: TEST_TOKEN });
    const auth = { authorization: `Bearer ${TEST_TOKEN}` };
    const unknown = await rawPost(
      running.url,
      { ...auth, "mcp-session-id": "nope" },
      { jsonrpc: "2.0", id: 2, method: "ping" },
    );
    expect(unknown.status).toBe(404);
    const notInit = await rawPost(running.url, auth, { jsonrpc: "2.0", id: 2, method: "ping" });
    expect(notInit.status).toBe(400);
  });

  it("turns authentication off only on loopback, and only when asked", async () => {
    await expect(startMcpHttpServer({ createServer, host: "0.0.0.0", insecureNoAuth: true })).rejects.toThrow(
      /only a loopback address/,
    );
    running = await startMcpHttpServer({ createServer, insecureNoAuth: true });
    expect(running.token).toBeNull();
    const res = await rawPost(running.url, {}, initialize);
    expect(res.status).toBe(200);
  });
});

describe("access helpers", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.5.6.7", true],
    ["::1", true],
    ["[::1]", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["192.168.1.10", false],
    ["example.com", false],
  ])("isLoopbackHost(%s) = %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
