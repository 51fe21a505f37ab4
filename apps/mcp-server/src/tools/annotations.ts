import { isIdempotent, type Operation } from "@ciamkit/core";
import type { ToolAnnotations } from "../mcp-sdk.ts";

/**
 * The four MCP hints of a tool, from its operation's access level and its `idempotent` marker. Every
 * tool talks to a live tenant (Graph or ARM), so it is open-world.
 */
export function annotationsFor(operation: Pick<Operation, "access" | "idempotent">): ToolAnnotations {
  return {
    readOnlyHint: operation.access === "read",
    destructiveHint: operation.access === "destructive",
    idempotentHint: isIdempotent(operation),
    openWorldHint: true,
  };
}
