/**
 * Input that cannot be used, found while an operation runs rather than by its schema: a cursor that no
 * list call returned, an id with a control character, a column mapping that maps extensions without
 * `extensionAppId`. The caller's mistake, never a defect: {@link runOperation} reports it as an
 * `InvalidInputError` naming the operation, the CLI exits 2 and an MCP tool answers with an input
 * error. Throw it only before the request the bad value would go into.
 */
export class InputError extends Error {
  override name = "InputError";
}
