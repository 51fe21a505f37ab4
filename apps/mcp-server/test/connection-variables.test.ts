import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONNECTION_VARIABLES, emulatorConnectionVariables } from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionCases } from "../../../packages/core/test/helpers/connection-cases.ts";
import { USAGE } from "../src/config.ts";

// The built bin, connected the way `ciam emulator start` tells a user to: its AZURE_* and CIAM_*
// variables (real HTTPS, the CA from CIAM_CA_FILE, not NODE_EXTRA_CA_CERTS), no profile.
const bin = fileURLToPath(new URL("../bin/ciam-mcp.js", import.meta.url));
const built = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let emulator: RunningEmulator;
let dir: string;
/** The environment without credentials or CA settings, profiles in an empty CIAM_CONFIG_DIR. */
let bare: Record<string, string>;
let printed: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(built)) {
    throw new Error(
      "apps/mcp-server/dist is missing: run `pnpm exec turbo run build --filter @ciamkit/mcp-server...` first.",
    );
  }
  emulator = await startEmulator({ throttling: false });
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("no demo tenant");
  dir = mkdtempSync(join(tmpdir(), "ciam-mcp-variables-"));
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, emulator.caCertPem);
  bare = {
    ...(Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(AZURE_|CIAM_)/.test(k) && k !== "NODE_EXTRA_CA_CERTS"),
    ) as Record<string, string>),
    CIAM_CONFIG_DIR: join(dir, "config"),
  };
  printed = emulatorConnectionVariables(emulator, tenant, caFile) as Record<string, string>;
});

afterAll(async () => {
  await emulator?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe("ciam-mcp with the variables `ciam emulator start` prints", () => {
  it("--help names every connection variable", () => {
    for (const name of Object.keys(CONNECTION_VARIABLES)) expect(USAGE).toContain(name);
  });

  it("serves the emulator's tenant over stdio", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "--read-only"],
      env: { ...bare, ...printed },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (c) => (stderr += c));
    const client = new Client({ name: "variables-test", version: "1" });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: "user_list", arguments: { limit: 2 } });
      expect(result.isError, JSON.stringify(result.content)).not.toBe(true);
      expect((result.structuredContent as { items: unknown[] }).items.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
    expect(stderr).toContain(`ready on stdio for tenant ${printed.AZURE_TENANT_ID} (custom cloud)`);
  }, 60_000);

  it.each(Object.entries(connectionCases))(
    "a bad %s is a usage error naming it, before anything is sent",
    async (_name, { change, error }) => {
      const before = emulator.control.monitor.counters().requests;
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin], {
          env: { ...bare, ...change(printed, dir) },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (c) => (stderr += c));
        child.on("close", (code) => resolve({ code, stderr }));
      });
      expect(result.stderr).toMatch(error);
      expect(result.code).toBe(2);
      expect(emulator.control.monitor.counters().requests).toBe(before);
    },
    60_000,
  );
});
