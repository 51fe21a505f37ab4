// `ciam-mcp --emulator` on the persistent state `ciam --emulator` uses (ADR 0013): one server serves it
// on stable ports, another connects to it, the state outlives both, the tenant tools reach ARM as the
// workforce tenant's manager app, and `--emulator-in-memory` is a throw-away state.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readServedEndpoint } from "@ciamkit/emulator";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "./helpers/harness.ts";

const bin = fileURLToPath(new URL("../bin/ciam-mcp.js", import.meta.url));
const built = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const home = mkdtempSync(join(tmpdir(), "ciam-mcp-state-"));
const dataDir = join(home, "data", "emulator");
const env = {
  PATH: process.env.PATH ?? "",
  HOME: home,
  CIAM_CONFIG_DIR: join(home, "config"),
  CIAM_DATA_DIR: join(home, "data"),
};

beforeAll(() => {
  if (!existsSync(built)) throw new Error("apps/mcp-server/dist is missing: build it first.");
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Running {
  client: Client;
  stderr: () => string;
  close(): Promise<void>;
}

async function server(...args: string[]): Promise<Running> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (c) => (stderr += c));
  const client = new Client({ name: "emulator-state-test", version: "1" });
  await client.connect(transport);
  // The line saying which state it serves follows the handshake on another pipe: wait for it.
  while (!stderr.includes("ready on stdio")) await new Promise((resolve) => setTimeout(resolve, 20));
  return { client, stderr: () => stderr, close: () => client.close() };
}

async function call(
  s: Running,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await s.client.callTool({ name, arguments: args });
  if (result.isError === true) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent as Record<string, unknown>;
}

const names = (listed: Record<string, unknown>) => (listed.items as { name: string }[]).map((t) => t.name);

describe("ciam-mcp --emulator", () => {
  it("serves the persistent state, which a second server connects to and which outlives both", {
    timeout: 120_000,
  }, async () => {
    const first = await server("--emulator");
    let second: Running | undefined;
    try {
      expect(first.stderr()).toContain(`state ${dataDir})`);
      const served = readServedEndpoint(dataDir);
      expect(served?.holder).toBe("ciam-mcp --emulator (serving)");
      const w = served?.workforce;
      if (w == null) throw new Error("the served state has no workforce tenant");
      const at = { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup };
      // The tenant tools sign in to ARM as the workforce tenant's manager app: no device code, no 401.
      expect(names(await call(first, "tenant_list", { subscriptionId: w.subscriptionId }))).toEqual([]);
      await call(first, "tenant_create", {
        ...at,
        name: "mcpshop",
        displayName: "MCP shop",
        countryCode: "FR",
        location: "Europe",
      });

      second = await server("--emulator");
      expect(second.stderr()).toMatch(/served by ciam-mcp --emulator \(serving\) \(pid \d+\)/);
      expect(names(await call(second, "tenant_list", { subscriptionId: w.subscriptionId }))).toEqual([
        "mcpshop",
      ]);
    } finally {
      await second?.close();
      await first.close();
    }
    expect(readServedEndpoint(dataDir)).toBeUndefined();

    const third = await server("--emulator");
    try {
      const w = readServedEndpoint(dataDir)?.workforce;
      expect(names(await call(third, "tenant_list", { subscriptionId: w?.subscriptionId ?? "" }))).toEqual([
        "mcpshop",
      ]);
    } finally {
      await third.close();
    }
  });

  it("--emulator-in-memory starts a throw-away state and leaves the saved one alone", {
    timeout: 60_000,
  }, async () => {
    const before = readdirSync(dataDir).sort();
    const throwAway = await server("--emulator-in-memory");
    try {
      expect(throwAway.stderr()).toContain("in memory, discarded at exit");
      const org = await call(throwAway, "organization_get", {});
      expect(org).toMatchObject({ displayName: "Contoso" });
      expect(readServedEndpoint(dataDir)).toBeUndefined();
    } finally {
      await throwAway.close();
    }
    expect(readdirSync(dataDir).sort()).toEqual(before);
  });
});
