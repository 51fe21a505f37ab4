import { GraphError } from "./route.ts";

/**
 * Graph's error texts, written once. Routes raise these instead of spelling a message of their own,
 * so that a text Microsoft changes is changed in one place (issue 15 item 1).
 */

/** Graph's message for an object id it does not know (api-surface 11.2). */
export function notFoundMessage(id: string): string {
  return `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`;
}

/** Graph's 404 for an entity (directory object, flow, localization, …) that does not exist. */
export function notFound(id: string): GraphError {
  return new GraphError(404, "Request_ResourceNotFound", notFoundMessage(id));
}

/** The text of Graph's 403 when the caller's permissions do not allow the call. */
export const INSUFFICIENT_PRIVILEGES = "Insufficient privileges to complete the operation.";

/** Graph's 403 `Authorization_RequestDenied`. */
export function insufficientPrivileges(): GraphError {
  return new GraphError(403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
}

/** Graph's 400 for a write without a body, or with one that is not a JSON object. */
export function emptyPayload(): GraphError {
  return new GraphError(400, "Request_BadRequest", "Empty Payload. JSON content expected.");
}

export function notAnObject(): GraphError {
  return new GraphError(400, "Request_BadRequest", "Invalid JSON payload: an object was expected.");
}

/** Graph's 400 for a property value it refuses. */
export function invalidValue(property: string, resource: string): GraphError {
  return new GraphError(
    400,
    "Request_BadRequest",
    `Invalid value specified for property '${property}' of resource '${resource}'.`,
  );
}

/** Graph's 400 for a unique-key clash, with the `ObjectConflict` detail clients branch on. */
export function objectConflict(property: string): GraphError {
  const message = `Another object with the same value for property ${property} already exists.`;
  return new GraphError(400, "Request_BadRequest", message, [
    { code: "ObjectConflict", message, target: property },
  ]);
}

/** Graph's 400 when a `$ref` or `@odata.bind` adds a reference that is already there. */
export function referenceExists(property: string): GraphError {
  return new GraphError(
    400,
    "Request_BadRequest",
    `One or more added object references already exist for the following modified properties: '${property}'.`,
  );
}

/** Graph's 400 for a path segment it cannot route (an unknown navigation, cast or key). */
export function unknownSegment(segment: string): GraphError {
  return new GraphError(400, "Request_BadRequest", `Resource not found for the segment '${segment}'.`);
}

/** Graph's 400 for a query option, property or operator the resource does not support. */
export function unsupportedQuery(message: string): GraphError {
  return new GraphError(400, "Request_UnsupportedQuery", message);
}

/** Graph's 400 when a PATCH removes an enabled delegated scope or app role, or renames one (disable it first). */
export function enabledEntitlement(): GraphError {
  return new GraphError(
    400,
    "CannotDeleteOrUpdateEnabledEntitlement",
    "Permission (scope or role) cannot be deleted or updated unless disabled first.",
  );
}
