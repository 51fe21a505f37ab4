import type { Operation } from "@ciamkit/core";
import type { McpServer } from "../mcp-sdk.ts";
import { errorResult } from "./error-result.ts";
import type { ToolSelection } from "./select-operations.ts";

/**
 * Answers calls to catalog tools this server does not offer with a refusal that says why (a model
 * may know the name from elsewhere), instead of the SDK's bare "not found". They are registered with
 * the SDK only so they can be refused: `tools/list` never lists them, and nothing is sent. Each
 * refusal is logged like any other call (`log`: stderr in the bin), so an operator sees what a
 * client tried beyond what it was given.
 */
export function refuseHiddenTools(
  server: McpServer,
  catalog: readonly Operation[],
  enabled: readonly Operation[],
  selection: ToolSelection,
  log: (line: string) => void,
): void {
  const offered = new Set(enabled.map((op) => op.name));
  for (const operation of catalog) {
    if (offered.has(operation.name)) continue;
    const flag =
      selection.readOnly === true && operation.access !== "read"
        ? "--read-only"
        : selection.toolsets !== undefined && !selection.toolsets.includes(operation.area)
          ? "--toolsets"
          : "--tools";
    const reason =
      flag === "--read-only"
        ? `ciam-mcp was started with --read-only and ${operation.name} is a ${operation.access} tool`
        : flag === "--toolsets"
          ? `ciam-mcp was started with --toolsets ${selection.toolsets?.join(",")}, which leaves out ${operation.area}`
          : "ciam-mcp was started with --tools, which leaves it out";
    server.registerTool(operation.name, { description: operation.description }, () => {
      // Logged like every other call: a client retrying a refused tool is what the operator looks for.
      log(`ciam-mcp: ${operation.name} refused by ${flag}`);
      return errorResult(
        `Refused: ${operation.name} is not offered by this server (${reason}). Nothing was changed. Next: use the listed tools, or ask the user to restart ciam-mcp with the tool enabled.`,
      );
    });
  }
}
