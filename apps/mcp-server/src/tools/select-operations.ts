import type { Operation } from "@ciamkit/core";

/** Which catalog operations a server offers: the safety switches of the command line. */
export interface ToolSelection {
  /** Offer and allow read operations only. */
  readOnly?: boolean | undefined;
  /** Areas (toolsets) to offer; every area when undefined. */
  toolsets?: readonly string[] | undefined;
  /** Tool names to offer; every tool of the toolsets when undefined. */
  tools?: readonly string[] | undefined;
}

/** A selection that names a toolset or tool the catalog does not have. */
export class UnknownToolError extends Error {
  override name = "UnknownToolError";
}

/**
 * The operations a server offers, in catalog order. Read-only mode is decided here, once, from the
 * operations' access level, so no handler has to check it: a write tool that is not selected is never
 * registered and so can neither be listed nor called.
 */
export function selectOperations(catalog: readonly Operation[], selection: ToolSelection): Operation[] {
  const areas = new Set(catalog.map((op) => op.area));
  const names = new Set(catalog.map((op) => op.name));
  const unknownAreas = (selection.toolsets ?? []).filter((a) => !areas.has(a));
  if (unknownAreas.length > 0) {
    throw new UnknownToolError(
      `Unknown toolset ${unknownAreas.join(", ")}; the toolsets are ${[...areas].join(", ")}.`,
    );
  }
  const unknownTools = (selection.tools ?? []).filter((t) => !names.has(t));
  if (unknownTools.length > 0) {
    throw new UnknownToolError(
      `Unknown tool ${unknownTools.join(", ")}; run ciam-mcp --list-permissions to see the tools.`,
    );
  }
  return catalog.filter(
    (op) =>
      (selection.readOnly !== true || op.access === "read") &&
      (selection.toolsets === undefined || selection.toolsets.includes(op.area)) &&
      (selection.tools === undefined || selection.tools.includes(op.name)),
  );
}
