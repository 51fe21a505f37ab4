import { hostname, networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { createCiamMcpServer } from "../src/server.ts";
import { type McpHttpServer, startMcpHttpServer } from "../src/transports/http/http-server.ts";
import { initialize, rawRequest, TEST_TOKEN } from "./helpers/raw-http.ts";

/** Host tests never run an operation. */
const createServer = () =>
  createCiamMcpServer({ runner: { run: () => Promise.reject(new Error("host tests run no operation")) } });

let running: McpHttpServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const port = (server: McpHttpServer) => Number(new URL(server.url).port);

/** An initialize sent over loopback (no other machine is reachable here) with the Host a remote client would send. */
async function statusFor(server: McpHttpServer, headers: Record<string, string>): Promise<number> {
  const url = `http://127.0.0.1:${port(server)}/mcp`;
  const res = await rawRequest(url, {
    headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers },
    body: initialize,
  });
  return res.status;
}

/** The Host values clients on the network use for this machine: its name and every interface address. */
function machineHosts(p: number): string[] {
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((a) => (a.family === "IPv6" ? `[${a.address.replace(/%.*$/, "")}]` : a.address));
  return [hostname(), "localhost", ...addresses].map((h) => `${h}:${p}`);
}

describe("Host checks when bound to every interface", () => {
  it.each(["0.0.0.0", "::"])(
    "bound to %s, accepts the machine's names and addresses and still refuses any other Host",
    async (bindHost) => {
      const logged: string[] = [];
      running = await startMcpHttpServer({
        createServer,
        host: bindHost,
        token: TEST_TOKEN,
        maxSessionsPerClient: 64,
        log: (line) => logged.push(line),
      });
      const p = port(running);
      const hosts = machineHosts(p);
      // The host name at least (refused before), besides the loopback names; here also eth0's addresses.
      expect(hosts.length).toBeGreaterThanOrEqual(4);
      for (const host of hosts) expect([host, await statusFor(running, { host })]).toEqual([host, 200]);
      // A browser page served from the machine's own address may call it too.
      expect(
        await statusFor(running, { host: `${hostname()}:${p}`, origin: `http://${hostname()}:${p}` }),
      ).toBe(200);
      // DNS rebinding: a foreign name resolving to this machine, or a known name at another port.
      for (const host of ["evil.example", `evil.example:${p}`, `${hostname()}.evil.example:${p}`]) {
        expect([host, await statusFor(running, { host })]).toEqual([host, 403]);
      }
      expect(await statusFor(running, { host: `${hostname()}:${p}`, origin: "http://evil.example" })).toBe(
        403,
      );
      // The operator sees which names clients may use.
      expect(logged.join("\n")).toContain(`${hostname()}:${p}`);
    },
  );

  it("accepts the names given with allowedHosts (any port without one) on any bind address", async () => {
    running = await startMcpHttpServer({
      createServer,
      token: TEST_TOKEN,
      allowedHosts: ["mcp.example.com", "10.1.2.3:8443", "fd00::7"],
    });
    const p = port(running);
    for (const host of [
      "mcp.example.com",
      "MCP.example.com:443",
      "10.1.2.3:8443",
      "[fd00::7]:9",
      `127.0.0.1:${p}`,
    ]) {
      expect([host, await statusFor(running, { host })]).toEqual([host, 200]);
    }
    expect(await statusFor(running, { host: "mcp.example.com", origin: "https://mcp.example.com" })).toBe(
      200,
    );
    for (const host of ["10.1.2.3:3000", "other.example.com", "example.com", `[::2]:${p}`]) {
      expect([host, await statusFor(running, { host })]).toEqual([host, 403]);
    }
  });

  it("refuses an allowedHosts entry that is not a host", async () => {
    await expect(
      startMcpHttpServer({ createServer, token: TEST_TOKEN, allowedHosts: ["evil.example/path"] }),
    ).rejects.toThrow(/Not a host name or address: 'evil.example\/path'/);
  });
});
