import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { operations } from "@ciamkit/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { beforeAll, describe, expect, it } from "vitest";
import { textOf } from "./helpers/harness.ts";

// The built bin, as users run it (turbo builds the package before its tests).
const bin = fileURLToPath(new URL("../bin/ciam-mcp.js", import.meta.url));
const built = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
/**
 * The environment without credentials, so nothing reaches a real tenant by accident, and with a
 * profiles directory that does not exist, so the user's own `ciam login` profiles play no part.
 */
const cleanEnv = {
  ...(Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("AZURE_") && k !== "CIAM_MCP_TOKEN"),
  ) as Record<string, string>),
  CIAM_CONFIG_DIR: join(tmpdir(), "ciam-mcp-bin-test-no-profiles"),
  // --emulator keeps its state here, not in the user's own ~/.local/share/ciamkit.
  CIAM_DATA_DIR: mkdtempSync(join(tmpdir(), "ciam-mcp-bin-test-data-")),
};

/** A token the server accepts (32+ characters, not guessable); the environment's value is never printed. */
const BIN_TOKEN = "bin-7Hq2Lx9Vm4Rt8Zc1Wk6Np3Bd5Gf0Js";

beforeAll(() => {
  if (!existsSync(built)) {
    throw new Error(
      "apps/mcp-server/dist is missing: run `pnpm exec turbo run build --filter @ciamkit/mcp-server...` first.",
    );
  }
});

/** Runs the bin to completion; returns its exit code and output. */
function run(args: string[], env: Record<string, string> = cleanEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every tool call against the emulator either succeeds or names the service's request id. */
function reachedTheTenant(result: Record<string, unknown>): boolean {
  return result.isError === true
    ? /request-id [0-9a-f-]{36}/.test(textOf(result))
    : result.structuredContent !== undefined;
}

describe("the built ciam-mcp", () => {
  it("serves stdio against the embedded emulator, read-only", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, "--emulator", "--read-only"],
      env: cleanEnv,
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (c) => (stderr += c));
    const client = new Client({ name: "bin-test", version: "1" });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      operations.filter((op) => op.access === "read").map((op) => op.name),
    );
    expect(reachedTheTenant(await client.callTool({ name: "user_list", arguments: { limit: 2 } }))).toBe(
      true,
    );
    await client.close();
    expect(stderr).toMatch(/ready on stdio for the embedded emulator's demo tenant contoso/);
  }, 60_000);

  it("serves Streamable HTTP with the bearer token, prints how to connect, and keeps stdout empty", async () => {
    const child: ChildProcess = spawn(process.execPath, [bin, "--http", "--port", "0", "--emulator"], {
      env: { ...cleanEnv, CIAM_MCP_TOKEN: BIN_TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (c) => (stdout += c));
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr?.on("data", (c) => {
          stderr += c;
          const match = /serving (http:\/\/\S+\/mcp)/.exec(stderr);
          if (match?.[1] !== undefined && stderr.includes("Stop with Ctrl+C")) resolve(match[1]);
        });
        child.once("exit", () => reject(new Error(`ciam-mcp exited: ${stderr}`)));
      });
      expect(stderr).toContain(`claude mcp add --transport http ciamkit ${url}`);
      // A bare package name makes npx on Node < 22.19 pick an Inspector 0.x that rejects --header.
      expect(stderr).toContain(`npx -y @modelcontextprotocol/inspector@latest --cli ${url} --transport http`);
      expect(stderr).not.toContain(BIN_TOKEN);

      const client = new Client({ name: "bin-test", version: "1" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: `Bearer ${BIN_TOKEN}` } },
        }),
      );
      expect((await client.listTools()).tools).toHaveLength(operations.length);
      expect(reachedTheTenant(await client.callTool({ name: "organization_get", arguments: {} }))).toBe(true);
      await client.close();

      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(stdout).toBe("");
    } finally {
      // Never leave the server running when an assertion failed.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }, 60_000);

  it.each([
    [["--bogus"], 2, /Unknown option '--bogus'/],
    [["--tools", "user_nuke"], 2, /Unknown tool user_nuke/],
    [[], 2, /AZURE_TENANT_ID and AZURE_CLIENT_ID are not set\. .*--profile.*--emulator\.$/m],
    [
      ["--emulator", "--files-dir", join(tmpdir(), "ciam-mcp-no-such-files-dir")],
      2,
      /^ciam-mcp: --files-dir \S+ciam-mcp-no-such-files-dir does not exist; create it or name another directory\n$/,
    ],
  ])("exits %j with code %i and a one-line reason on stderr", async (args, code, message) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("refuses a weak CIAM_MCP_TOKEN before starting anything, and says how to make one", async () => {
    const result = await run(["--http", "--emulator"], { ...cleanEnv, CIAM_MCP_TOKEN: "a" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^ciam-mcp: CIAM_MCP_TOKEN is too weak: it has 1 characters; at least 32 are needed\. Make one with `openssl rand -base64 32`/m,
    );
    expect(result.stderr).not.toMatch(/serving|emulator/);
    expect(result.stdout).toBe("");
  });

  it("prints the permissions the enabled tools need", async () => {
    const result = await run(["--read-only", "--toolsets", "users", "--list-permissions"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Permissions for the 5 enabled tools:\nMicrosoft Graph application permissions:\n {2}Application\.Read\.All +user_app_role_list\n {2}Organization\.Read\.All +user_find\n {2}User\.Read\.All +user_list, user_get, user_find, user_export\n {2}UserAuthenticationMethod\.Read\.All +user_get\n/,
    );
    expect(result.stderr).not.toContain("ReadWrite");
  });
});
