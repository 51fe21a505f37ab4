import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterEach, describe, expect, it } from "vitest";
import { createCiamMcpServer } from "../src/server.ts";
import {
  type McpHttpOptions,
  type McpHttpServer,
  startMcpHttpServer,
} from "../src/transports/http/http-server.ts";
import { createRateLimiter } from "../src/transports/http/rate-limit.ts";
import { initialize, rawRequest, TEST_TOKEN } from "./helpers/raw-http.ts";

const auth = { authorization: `Bearer ${TEST_TOKEN}` };
const MINUTE = 60_000;

let running: McpHttpServer | undefined;
let clients: Client[] = [];
afterEach(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  clients = [];
  await running?.close();
  running = undefined;
});

/** A server on a clock the test moves; `servers` are the MCP servers of its sessions, in order. */
async function start(options: Partial<McpHttpOptions> = {}, run: () => Promise<unknown> = never) {
  const clock = { t: 1_000_000 };
  const servers: McpServer[] = [];
  running = await startMcpHttpServer({
    createServer: () => {
      const server = createCiamMcpServer({ runner: { run } });
      servers.push(server);
      return server;
    },
    token: TEST_TOKEN,
    now: () => clock.t,
    ...options,
  });
  return { server: running, clock, servers };
}
const never = () => Promise.reject(new Error("session tests run no operation"));

async function sdkClient(server: McpHttpServer): Promise<Client> {
  const client = new Client({ name: "legit", version: "1" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: auth } }),
  );
  clients.push(client);
  return client;
}

/** An initialize from another loopback address: a second client, as the server tells them apart. */
const initializeFrom = (server: McpHttpServer, localAddress: string) =>
  rawRequest(server.url, { headers: auth, body: initialize, localAddress });

describe("HTTP sessions under load", () => {
  it("keeps a client's session while another client opens many, and answers the flood 429 with Retry-After", async () => {
    const { server } = await start();
    const legit = await sdkClient(server);
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof initializeFrom>> | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await initializeFrom(server, "127.0.0.2");
      statuses.push(res.status);
      if (res.status !== 200) refused = res;
    }
    // The flooding client gets its own share (16 by default), then refusals; nobody else's session closes.
    expect(statuses.filter((s) => s === 200)).toHaveLength(16);
    expect(statuses.filter((s) => s === 429)).toHaveLength(84);
    expect(refused?.headers["retry-after"]).toMatch(/^[1-9]\d*$/);
    expect(JSON.parse(refused?.body ?? "{}")).toEqual({
      jsonrpc: "2.0",
      id: 1,
      error: {
        code: -32000,
        message: expect.stringMatching(/Too many sessions from this client \(16 open\).*Retry after \d+ s\./),
      },
    });
    expect(await legit.ping()).toEqual({});
    expect((await legit.listTools()).tools.length).toBeGreaterThan(0);
    // A third client still gets in.
    expect((await initializeFrom(server, "127.0.0.3")).status).toBe(200);
    expect(server.sessions()).toBe(18);
  });

  it("refuses new sessions with 503 when the server is full, without closing open ones", async () => {
    const { server } = await start({ maxSessions: 4, maxSessionsPerClient: 2 });
    const legit = await sdkClient(server);
    for (const from of ["127.0.0.2", "127.0.0.2", "127.0.0.3"]) {
      expect((await initializeFrom(server, from)).status).toBe(200);
    }
    const full = await initializeFrom(server, "127.0.0.4");
    expect(full.status).toBe(503);
    expect(full.headers["retry-after"]).toBe(`${30 * 60}`);
    expect(JSON.parse(full.body).error.message).toMatch(/maximum of 4 sessions/);
    expect(await legit.ping()).toEqual({});
  });

  it("limits how fast one client starts sessions, and lets it start again after Retry-After", async () => {
    const { server, clock } = await start({ sessionBurst: 2, sessionIntervalMs: 10_000 });
    const first = await rawRequest(server.url, { headers: auth, body: initialize });
    const sessionId = String(first.headers["mcp-session-id"]);
    await rawRequest(server.url, { method: "DELETE", headers: { ...auth, "mcp-session-id": sessionId } });
    expect((await rawRequest(server.url, { headers: auth, body: initialize })).status).toBe(200);
    const limited = await rawRequest(server.url, { headers: auth, body: { ...initialize, id: "init-3" } });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("10");
    expect(JSON.parse(limited.body)).toMatchObject({
      jsonrpc: "2.0",
      id: "init-3",
      error: { code: -32000, message: expect.stringMatching(/Too many new sessions.*Retry after 10 s/) },
    });
    clock.t += 10_000;
    expect((await rawRequest(server.url, { headers: auth, body: initialize })).status).toBe(200);
  });
});

describe("HTTP session expiry", () => {
  it("closes a session idle for the configured time and releases its server", async () => {
    const { server, clock, servers } = await start({ sessionIdleMs: 10 * MINUTE });
    const client = await sdkClient(server);
    clock.t += 9 * MINUTE;
    expect(await client.ping()).toEqual({});
    // Each request restarts the idle time.
    clock.t += 9 * MINUTE;
    expect(await client.ping()).toEqual({});
    expect(server.sessions()).toBe(1);
    clock.t += 10 * MINUTE;
    expect(server.sessions()).toBe(0);
    expect(servers[0]?.isConnected()).toBe(false);
    // The client is told to start again (the spec's 404), and can.
    await expect(client.ping()).rejects.toThrow(/404|expired session/);
    expect(server.sessions()).toBe(0);
    expect((await sdkClient(server)).getServerVersion()?.name).toBe("ciamkit");
  });

  it("does not expire a session while one of its calls is still running", async () => {
    let finish: (value: unknown) => void = () => {};
    const slow = new Promise((resolve) => (finish = resolve));
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const { server, clock } = await start({ sessionIdleMs: MINUTE }, () => {
      started();
      return slow;
    });
    const client = await sdkClient(server);
    const call = client.callTool({ name: "organization_get", arguments: {} });
    await running;
    clock.t += 60 * MINUTE;
    expect(server.sessions()).toBe(1);
    finish({ id: "org" });
    await call;
    // Idle from the moment the call ended.
    expect(server.sessions()).toBe(1);
    clock.t += MINUTE;
    expect(server.sessions()).toBe(0);
  });

  it("releases a session closed by the client (DELETE)", async () => {
    const { server, servers } = await start();
    const client = await sdkClient(server);
    const transport = (client as unknown as { transport: StreamableHTTPClientTransport }).transport;
    await transport.terminateSession();
    expect(server.sessions()).toBe(0);
    expect(servers[0]?.isConnected()).toBe(false);
  });
});

describe("session start rate limiter", () => {
  it("keeps only the clients whose bucket has not refilled, so its memory is bounded", () => {
    const clock = { t: 0 };
    const limiter = createRateLimiter({ burst: 2, intervalMs: 1000, now: () => clock.t });
    for (let i = 0; i < 1000; i++) expect(limiter.take(`10.0.${i >> 8}.${i & 255}`).ok).toBe(true);
    expect(limiter.size()).toBe(1000);
    clock.t += 999;
    limiter.prune();
    expect(limiter.size()).toBe(1000);
    clock.t += 1;
    limiter.prune();
    expect(limiter.size()).toBe(0);
  });
});
