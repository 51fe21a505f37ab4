import { isIdempotent, type Operation } from "@ciamkit/core";
import type { ToolAnnotations } from "../mcp-sdk.ts";

/**
 * The MCP hints of a tool, from its operation's access level and its `idempotent` marker, sent only
 * where they carry meaning (ADR 0005, amended 2026-12-08). The MCP specification defines a default
 * for each hint (`readOnlyHint` false, `destructiveHint` true, `idempotentHint` false,
 * `openWorldHint` true) and says `destructiveHint` and `idempotentHint` mean nothing when
 * `readOnlyHint` is true. So:
 * - a read tool carries `readOnlyHint: true` alone;
 * - a write or destructive tool carries `destructiveHint` and `idempotentHint` explicitly (a client
 *   must not have to know the defaults to see that a tool deletes);
 * - `openWorldHint` is left at its default (true) everywhere: every tool talks to a live tenant.
 * `resolvedHints` gives all four as a client reading the specification sees them.
 */
export function annotationsFor(operation: Pick<Operation, "access" | "idempotent">): ToolAnnotations {
  if (operation.access === "read") return { readOnlyHint: true };
  return {
    destructiveHint: operation.access === "destructive",
    idempotentHint: isIdempotent(operation),
  };
}

/** The four hints with the MCP specification's defaults filled in. */
export function resolvedHints(
  annotations: ToolAnnotations | undefined,
): Required<Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint">> {
  const readOnlyHint = annotations?.readOnlyHint ?? false;
  return {
    readOnlyHint,
    destructiveHint: readOnlyHint ? false : (annotations?.destructiveHint ?? true),
    idempotentHint: readOnlyHint ? true : (annotations?.idempotentHint ?? false),
    openWorldHint: annotations?.openWorldHint ?? true,
  };
}
