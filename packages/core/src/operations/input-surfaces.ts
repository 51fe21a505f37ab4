import type { InputSurface, Operation } from "./define-operation.ts";

/**
 * The input fields an operation does not offer on `surface`: those marked for the other front end
 * only. MCP leaves them out of the tool's input schema and refuses a call that carries them; the CLI
 * has no flag for them and refuses them in `--input`.
 */
export function inputsNotOffered(
  operation: Pick<Operation, "inputSurfaces">,
  surface: InputSurface,
): string[] {
  return Object.entries(operation.inputSurfaces ?? {})
    .filter(([, only]) => only !== undefined && only !== surface)
    .map(([field]) => field);
}

/** True when repeating the operation with the same input changes nothing more (every read does). */
export function isIdempotent(operation: Pick<Operation, "access" | "idempotent">): boolean {
  return operation.access === "read" || operation.idempotent === true;
}
