import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONNECTION_VARIABLES, emulatorConnectionVariables, ProfileStore } from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionCases } from "../../../packages/core/test/helpers/connection-cases.ts";
import { USAGE } from "../src/config.ts";

// The built bin, as users run it, signed in through a profile that `ciam login` would have written,
// or through the variables `ciam emulator start` prints.
const bin = fileURLToPath(new URL("../bin/ciam-mcp.js", import.meta.url));
const built = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let emulator: RunningEmulator;
let configDir: string;
let tenantId: string;
let clientId: string;
let clientSecret: string;
/** The environment without credentials or CA settings, with profiles in a temporary CIAM_CONFIG_DIR. */
let env: Record<string, string>;
/** What `ciam emulator start` prints for this emulator, minus NODE_EXTRA_CA_CERTS (the CA is CIAM_CA_FILE's). */
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
      Object.entries(process.env).filter(([k]) => !/^(AZURE_|CIAM_)/.test(k) && k !== "NODE_EXTRA_CA_CERTS"),
    ) as Record<string, string>),
    CIAM_CONFIG_DIR: configDir,
  };
  printed = emulatorConnectionVariables(emulator, tenant, caPath) as Record<string, string>;
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

/** Runs the built bin to its end (a usage error), with `extraEnv` over {@link env}. */
function runBin(args: string[], extraEnv: Record<string, string> = env) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
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
    const result = await runBin(["--profile", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ciam-mcp: No profile named 'nope'; see `ciam profile list`.*\n$/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
  }, 30_000);
});

describe("ciam-mcp with the variables `ciam emulator start` prints", () => {
  it("--help names every connection variable", () => {
    for (const name of Object.keys(CONNECTION_VARIABLES)) expect(USAGE).toContain(name);
  });

  it("serves the emulator's tenant over stdio, trusting the CA of CIAM_CA_FILE", async () => {
    const { client, stderr } = await connect(["--read-only"], printed);
    try {
      const result = await client.callTool({ name: "user_list", arguments: { limit: 2 } });
      expect(result.isError, JSON.stringify(result.content)).not.toBe(true);
      expect((result.structuredContent as { items: unknown[] }).items.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
    expect(stderr()).toContain(`ready on stdio for tenant ${tenantId} (custom cloud)`);
  }, 60_000);

  // One bad case per variable of core's CONNECTION_VARIABLES, shared with ciam's and fromEnvironment()'s tests.
  it.each(Object.entries(connectionCases))(
    "a bad %s is a usage error naming it, before anything is sent",
    async (_name, { change, error }) => {
      const before = emulator.control.monitor.counters().requests;
      const result = await runBin([], change(printed, configDir));
      expect(result.stderr).toMatch(error);
      expect(result.code).toBe(2);
      expect(emulator.control.monitor.counters().requests).toBe(before);
    },
    60_000,
  );
});
