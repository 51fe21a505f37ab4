import type { Operation } from "@ciamkit/core";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { annotationsFor } from "./annotations.ts";
import { callOperation, type ToolRuntime } from "./call-operation.ts";
import { toolInputSchema } from "./page-size.ts";
import { addTool, type ToolList } from "./tool-list.ts";

/**
 * Registers each operation as a tool, in one loop: the name, title, description and schemas come from
 * the catalog entry, the hints from its access level, and every call goes through {@link callOperation}.
 */
export function registerOperationTools(
  server: McpServer,
  operations: readonly Operation[],
  runtime: ToolRuntime,
  list: ToolList,
): void {
  const readers = readersByOutput(operations);
  for (const operation of operations) {
    const reader = operation.access === "read" ? undefined : readers.get(operation.output);
    addTool(
      server,
      list,
      operation.name,
      {
        title: operation.title,
        description: operation.description,
        inputSchema: toolInputSchema(operation),
        outputSchema: operation.output,
        annotations: annotationsFor(operation.access),
        ...(reader === undefined ? {} : { sameOutputAs: reader }),
      },
      (args: Record<string, unknown>, extra) => callOperation(server, runtime, operation, args, extra),
    );
  }
}

/**
 * The first listed read tool returning each output schema (`user_get` for the user schema). A write tool
 * returning the same resource (`user_create`, `user_update`) lists its output by reference to it rather
 * than spelling the resource out again: a quarter of `tools/list` was such repeats.
 */
function readersByOutput(operations: readonly Operation[]): Map<Operation["output"], string> {
  const readers = new Map<Operation["output"], string>();
  for (const operation of operations)
    if (operation.access === "read" && !readers.has(operation.output))
      readers.set(operation.output, operation.name);
  return readers;
}
