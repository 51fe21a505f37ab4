import type { OperationAccess } from "@ciamkit/core";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";

/**
 * The four MCP hints of a tool, from its operation's access level. Every tool talks to a live tenant
 * (Graph or ARM), so it is open-world. A destructive operation (delete, remove, revoke) leaves the same
 * end state when repeated, so it is idempotent; a write may create a new object each time, so it is
 * not claimed idempotent (the catalog has no finer marker yet).
 */
export function annotationsFor(access: OperationAccess): ToolAnnotations {
  return {
    readOnlyHint: access === "read",
    destructiveHint: access === "destructive",
    idempotentHint: access !== "write",
    openWorldHint: true,
  };
}
