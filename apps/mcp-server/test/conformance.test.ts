import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCiamMcpServer } from "../src/server.ts";
import { type McpHttpServer, startMcpHttpServer } from "../src/transports/http/http-server.ts";

// Run the suite's own entry with this Node (24 in CI; the suite needs 22 or newer).
const require = createRequire(import.meta.url);
const conformancePackage = require.resolve("@modelcontextprotocol/conformance/package.json");
const conformance = join(
  dirname(conformancePackage),
  (JSON.parse(readFileSync(conformancePackage, "utf8")) as { bin: Record<string, string> }).bin
    .conformance as string,
);
const expectedFailures = fileURLToPath(new URL("./conformance/expected-failures.yml", import.meta.url));

/** Scenarios that must pass: the server behaviour every MCP client relies on. */
const GENERIC = [
  "server-initialize",
  "ping",
  "tools-list",
  "logging-set-level",
  "resources-list",
  "prompts-list",
  "dns-rebinding-protection",
];

let http: McpHttpServer;
let out: string;
beforeAll(async () => {
  // The suite cannot send a bearer token: the loopback-only switch exists for exactly this.
  http = await startMcpHttpServer({
    createServer: () =>
      createCiamMcpServer({
        runner: { run: () => Promise.reject(new Error("the suite runs no operation")) },
      }),
    insecureNoAuth: true,
    // The suite opens a session per scenario, dozens within seconds from one address, and closes none.
    maxSessions: 200,
    maxSessionsPerClient: 200,
    sessionBurst: 200,
  });
  out = mkdtempSync(join(tmpdir(), "ciam-mcp-conformance-"));
});
afterAll(async () => {
  await http.close();
  rmSync(out, { recursive: true, force: true });
});

describe("@modelcontextprotocol/conformance against the Streamable HTTP transport", () => {
  it("passes every scenario except the listed expected failures", async () => {
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          conformance,
          "server",
          "--url",
          http.url,
          "--suite",
          "all",
          "--expected-failures",
          expectedFailures,
          "-o",
          out,
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      child.stdout.on("data", (c) => (output += c));
      child.stderr.on("data", (c) => (output += c));
      child.on("close", (code) => resolve({ code, output }));
    });
    expect(result.code, result.output.slice(-3000)).toBe(0);

    // Read the checks rather than trusting the exit code alone: each generic scenario ran and succeeded.
    const runs = readdirSync(out);
    for (const scenario of GENERIC) {
      const dir = runs.find((d) => d.startsWith(`server-${scenario}-`));
      expect(dir, scenario).toBeDefined();
      const checks = JSON.parse(readFileSync(join(out, dir as string, "checks.json"), "utf8")) as {
        status: string;
      }[];
      const verdicts = checks.filter((c) => c.status === "SUCCESS" || c.status === "FAILURE");
      expect(verdicts.length, scenario).toBeGreaterThan(0);
      expect(
        verdicts.every((c) => c.status === "SUCCESS"),
        scenario,
      ).toBe(true);
    }
  }, 120_000);
});
