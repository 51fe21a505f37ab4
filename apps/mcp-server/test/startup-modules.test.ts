import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * What a start loads. An MCP client starts ciam-mcp for every session and some time it out, so a
 * start for a real tenant must not load what only some calls need: the embedded emulator (its HTTPS
 * server, certificate stack and routes: only `--emulator`), undici (a custom CA), node-forge (a
 * PKCS#12 certificate), csv (bulk import/export), yaml and fast-xml-parser (tenant-as-code files). A module-resolve hook records every module the
 * built server resolves up to its answer to `tools/list`.
 */
const bin = fileURLToPath(new URL("../bin/ciam-mcp.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ciam-mcp-modules-"));
const log = join(dir, "modules.log");
const hooks = join(dir, "hooks.mjs");
writeFileSync(
  hooks,
  [
    'import { appendFileSync } from "node:fs";',
    "export async function resolve(specifier, context, next) {",
    "  const resolved = await next(specifier, context);",
    `  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");`,
    "  return resolved;",
    "}",
  ].join("\n"),
);
const register = join(dir, "register.mjs");
writeFileSync(
  register,
  `import { register } from "node:module";\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads only on the calls that need them; the pattern matches the module's path. */
const NOT_AT_START: Record<string, RegExp> = {
  "the emulator": /\/(packages\/emulator|@ciamkit\/emulator)\//,
  "the emulator's certificate stack": /@peculiar|reflect-metadata/,
  undici: /node_modules\/(\.pnpm\/undici@[^/]+\/node_modules\/)?undici\//,
  "node-forge": /node-forge/,
  "csv-parse and csv-stringify": /csv-(parse|stringify)/,
  "yaml (spec and mapping files, text results)": /node_modules\/(\.pnpm\/yaml@[^/]+\/node_modules\/)?yaml\//,
  "fast-xml-parser (B2C policies)": /fast-xml-parser/,
};

describe("ciam-mcp start-up", () => {
  it("answers tools/list for a real tenant without loading what only some calls need", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", register, bin],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        CIAM_CONFIG_DIR: join(dir, "config"),
        AZURE_TENANT_ID: "00000000-0000-0000-0000-000000000001",
        AZURE_CLIENT_ID: "00000000-0000-0000-0000-000000000002",
        AZURE_CLIENT_SECRET: "not-used-to-start",
      },
      stderr: "ignore",
    });
    const client = new Client({ name: "startup-modules", version: "1" });
    await client.connect(transport);
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.length).toBeGreaterThan(50);

    const loaded = readFileSync(log, "utf8").split("\n");
    // The hook sees the server's own modules: the check is not empty.
    expect(loaded.some((url) => url.includes("/core/"))).toBe(true);
    const found = Object.entries(NOT_AT_START)
      .filter(([, pattern]) => loaded.some((url) => pattern.test(url)))
      .map(([name]) => name);
    expect(found).toEqual([]);
  });
});
