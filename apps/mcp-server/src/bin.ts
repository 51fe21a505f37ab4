#!/usr/bin/env node
// stdout is the MCP protocol: everything else, including help and errors, goes to stderr.
import { CredentialConfigurationError, operations, ProfileError } from "@ciamkit/core";
import { type McpConfig, parseConfig, USAGE, UsageError } from "./config.ts";
import { openFilesDir } from "./files/files-dir.ts";
import { packageInfo } from "./package-info.ts";
import { permissionReport } from "./permissions.ts";
import { type ConnectedTenant, connectConfigured } from "./runtime/connect.ts";
import { createCiamMcpServer } from "./server.ts";
import { selectOperations, UnknownToolError } from "./tools/select-operations.ts";
import { transports } from "./transports/index.ts";

const say = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  let config: McpConfig;
  try {
    config = parseConfig(process.argv.slice(2));
    const answer = config.help
      ? USAGE
      : config.version
        ? packageInfo.version
        : config.listPermissions
          ? permissionReport(selectOperations(operations, config))
          : undefined;
    if (answer !== undefined) {
      say(answer);
      return 0;
    }
    // Fail on an unknown toolset or tool, or a missing files directory, before connecting to anything.
    selectOperations(operations, config);
    if (config.filesDir !== undefined) {
      try {
        openFilesDir(config.filesDir);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownToolError) {
      say(`ciam-mcp: ${error.message}`);
      return 2;
    }
    throw error;
  }

  let tenant: ConnectedTenant;
  try {
    tenant = await connectConfigured(config, { say });
  } catch (error) {
    // An unknown profile is a command-line mistake, like an unknown tool; so is an unusable emulator state.
    if (error instanceof ProfileError || error instanceof UsageError) {
      say(`ciam-mcp: ${error.message}`);
      return 2;
    }
    // Run bare, the first thing a newcomer sees: say every way to give a tenant, not only the variables.
    if (error instanceof CredentialConfigurationError) {
      say(
        `ciam-mcp: ${error.message} Set the AZURE_* variables (see ciam-mcp --help), use a profile saved by \`ciam login\` (--profile), or try the demo tenant with --emulator.`,
      );
      return 2;
    }
    throw error;
  }
  const create = () =>
    createCiamMcpServer({
      runner: tenant.client,
      readOnly: config.readOnly,
      toolsets: config.toolsets,
      tools: config.tools,
      allowDestructive: config.allowDestructive,
      discovery: config.discovery,
      filesDir: config.filesDir,
      log: say,
    });
  let closing = false;
  const serving = await transports[config.transport](config, {
    createServer: create,
    say,
    onEnd: () => void shutdown(),
  });
  say(`ciam-mcp ${packageInfo.version} ${serving.where} for ${tenant.description}`);
  for (const line of serving.notes) say(line);

  async function shutdown(): Promise<void> {
    if (closing) return;
    closing = true;
    await serving.close();
    await tenant.close();
    process.exit(0);
  }
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    say(`ciam-mcp: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
