import type { Operation } from "@ciamkit/core";
import type { McpServer } from "../mcp-sdk.ts";
import { annotationsFor } from "./annotations.ts";
import { callOperation, type ToolRuntime } from "./call-operation.ts";
import { hiddenInputs } from "./hidden-inputs.ts";
import { toolAccess } from "./host-path-inputs.ts";
import { toolInputSchema } from "./page-size.ts";
import { addTool, type ToolList } from "./tool-list.ts";

/**
 * Registers each operation as a tool, in one loop: the name, title, description and schemas come from
 * the catalog entry, the hints from its access level and markers (a tool that may write a file is not
 * read-only), and every call goes through {@link callOperation}.
 */
export function registerOperationTools(
  server: McpServer,
  operations: readonly Operation[],
  runtime: ToolRuntime,
  list: ToolList,
): void {
  for (const operation of operations) {
    addTool(
      server,
      list,
      operation.name,
      {
        title: operation.title,
        description: operation.description,
        inputSchema: toolInputSchema(operation),
        outputSchema: operation.output,
        annotations: annotationsFor(toolAccess(operation, runtime.files)),
        hiddenInputs: hiddenInputs(operation),
        files: runtime.files,
        validatesInput: true,
      },
      (args: Record<string, unknown>, extra) => callOperation(server, runtime, operation, args, extra),
    );
  }
}
