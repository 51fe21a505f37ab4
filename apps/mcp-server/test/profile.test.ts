import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ProfileStore } from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built bin, as users run it, signed in through a profile that `ciam login` would have written.
const bin = fileURLToPath(new URL("../bin/ciam-mcp.js", import.meta.url));
const built = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let emulator: RunningEmulator;
let configDir: string;
let tenantId: string;
let clientId: string;
let clientSecret: string;
/** The environment without credentials, with profiles in a temporary CIAM_CONFIG_DIR. */
let env: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(built)) {
    throw new Error(
      "apps/mcp-server/dist is missing: run `pnpm exec turbo run build --filter @ciamkit/mcp-server...` first.",
    );
  }
  emulator = await startEmulator({ throttling: false });
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("no demo tenant");
  ({ tenantId, clientId, clientSecret } = tenant);
  configDir = mkdtempSync(join(tmpdir(), "ciam-mcp-profile-"));
  const caPath = join(configDir, "emulator-ca.pem");
  writeFileSync(caPath, emulator.caCertPem);
  const cloud = {
    kind: "custom" as const,
    authorityHost: emulator.loginUrl,
    graphEndpoint: emulator.graphUrl,
    armEndpoint: emulator.armUrl,
    caPath,
  };
  const store = new ProfileStore(configDir);
  store.save({ name: "x", tenantId, clientId, cloud, credential: { kind: "secret", secret: clientSecret } });
  // The current profile names an app the tenant does not have: only the AZURE_* override or
  // --profile x can sign in, so each test shows which one was used.
  store.save(
    {
      name: "stale",
      tenantId,
      clientId: "00000000-0000-0000-0000-00000000dead",
      cloud,
      credential: { kind: "secret" },
    },
    { makeCurrent: true },
  );
  env = {
    ...(Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("AZURE_") && k !== "CIAM_MCP_TOKEN"),
    ) as Record<string, string>),
    CIAM_CONFIG_DIR: configDir,
  };
}, 30_000);

afterAll(async () => {
  await emulator?.stop();
  if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
});

/** Connects the SDK client to the built bin over stdio; returns it and the bin's stderr so far. */
async function connect(args: string[], extraEnv: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env: { ...env, ...extraEnv },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (c) => (stderr += c));
  const client = new Client({ name: "profile-test", version: "1" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

describe("ciam-mcp --profile", () => {
  it("signs in with the named profile over stdio, lists the tools and runs one against the tenant", async () => {
    const { client, stderr } = await connect(["--profile", "x", "--toolsets", "organization,users"]);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("organization_get");
      const result = await client.callTool({ name: "organization_get", arguments: {} });
      expect(result.isError).not.toBe(true);
      expect(result.structuredContent).toMatchObject({ id: tenantId });
    } finally {
      await client.close();
    }
    expect(stderr()).toContain(`ready on stdio for profile 'x': tenant ${tenantId}`);
    expect(stderr()).not.toContain(clientSecret);
  }, 60_000);

  it("lets the AZURE_* variables override the current profile, keeping its custom cloud", async () => {
    const { client, stderr } = await connect(["--tools", "organization_get"], {
      AZURE_TENANT_ID: tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_SECRET: clientSecret,
      AZURE_AUTHORITY_HOST: emulator.loginUrl,
    });
    try {
      const result = await client.callTool({ name: "organization_get", arguments: {} });
      expect(result.structuredContent).toMatchObject({ id: tenantId });
    } finally {
      await client.close();
    }
    expect(stderr()).toContain(`as app ${clientId} with a secret credential`);
  }, 60_000);

  it("exits 2 with a one-line reason for an unknown profile, before connecting", async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, "--profile", "nope"], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ciam-mcp: No profile named 'nope'; see `ciam profile list`.*\n$/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
  }, 30_000);
});
