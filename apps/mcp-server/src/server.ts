import { operations as catalog, type Operation } from "@ciamkit/core";
import { registerDiscoveryTools } from "./discovery/discovery-tools.ts";
import { openFilesDir } from "./files/files-dir.ts";
import { McpServer } from "./mcp-sdk.ts";
import { packageInfo } from "./package-info.ts";
import { registerGuidedPrompts } from "./prompts/guided-prompts.ts";
import { registerObjectResources } from "./resources/object-resources.ts";
import { registerTenantOverview } from "./resources/tenant-overview.ts";
import type { ToolRuntime } from "./tools/call-operation.ts";
import { createCursorTable } from "./tools/cursor-table.ts";
import { refuseHiddenTools } from "./tools/hidden-tools.ts";
import type { OperationRunner } from "./tools/operation-runner.ts";
import { registerOperationTools } from "./tools/register-tools.ts";
import { selectOperations, type ToolSelection } from "./tools/select-operations.ts";
import { serveToolList, type ToolList } from "./tools/tool-list.ts";

/** Options of {@link createCiamMcpServer}. */
export interface CiamMcpServerOptions extends ToolSelection {
  /** Runs the operations: a `CiamClient` from `@ciamkit/core`. */
  runner: OperationRunner;
  /** Run destructive tools without confirmation when the client cannot elicit. */
  allowDestructive?: boolean | undefined;
  /** Serve three meta-tools (search, describe, run) instead of one tool per operation. */
  discovery?: boolean | undefined;
  /** The operations to serve from (core's catalog by default). */
  catalog?: readonly Operation[] | undefined;
  /** Diagnostic lines; stderr in the bin, never stdout. */
  log?: ((line: string) => void) | undefined;
  /**
   * The one directory whose files tools may read and write, by names relative to it (`--files-dir`);
   * without it, no tool takes a path on this machine.
   */
  filesDir?: string | undefined;
}

/**
 * Builds the ciamkit MCP server: the catalog's operations as tools (or discovery's three meta-tools),
 * the tenant overview resource and the guided prompts. Throws an `UnknownToolError` when the selection
 * names a toolset or tool the catalog does not have, and an `Error` when `filesDir` is not a directory.
 */
export function createCiamMcpServer(options: CiamMcpServerOptions): McpServer {
  const enabled = selectOperations(options.catalog ?? catalog, options);
  const server = new McpServer(
    { name: "ciamkit", title: "ciamkit: Microsoft Entra External ID", version: packageInfo.version },
    {
      capabilities: { tools: {}, resources: {}, prompts: {}, logging: {} },
      instructions:
        "Tools to manage a Microsoft Entra External ID (customer identity) tenant through Microsoft Graph and Azure Resource Manager. List tools return one page and a nextCursor; destructive tools ask the user to confirm.",
    },
  );
  const runtime: ToolRuntime = {
    runner: options.runner,
    confirm: { allowDestructive: options.allowDestructive === true },
    cursors: createCursorTable(),
    log: options.log ?? (() => {}),
    files: {
      dir: options.filesDir === undefined ? undefined : openFilesDir(options.filesDir),
      readOnly: options.readOnly === true,
    },
  };
  const tools: ToolList = [];
  if (options.discovery === true) registerDiscoveryTools(server, enabled, runtime, tools);
  else {
    registerOperationTools(server, enabled, runtime, tools);
    refuseHiddenTools(server, options.catalog ?? catalog, enabled, options, runtime.log);
  }
  serveToolList(server, tools);
  registerTenantOverview(server, enabled, options.runner);
  registerObjectResources(server, enabled, options.runner);
  registerGuidedPrompts(server);
  return server;
}
