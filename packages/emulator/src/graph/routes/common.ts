import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { Json, JsonObject } from "../../store/json.ts";
import {
  type AuditTarget,
  type DirectoryAuditInput,
  newDirectoryAudit,
} from "../entities/directory-audit.ts";
import { isGuid } from "../entities/shape.ts";
import { emptyPayload, notAnObject } from "../graph-errors.ts";
import { GraphError, type GraphRequest } from "../route.ts";

export { invalidValue, notFound, objectConflict } from "../graph-errors.ts";

/** The JSON object body of a write, or Graph's 400 when it is missing or not an object. */
export function jsonBody(req: GraphRequest): JsonObject {
  const body = req.body;
  if (body === undefined || body === null) throw emptyPayload();
  if (typeof body !== "object" || Array.isArray(body)) throw notAnObject();
  return body as JsonObject;
}

/** Writes a `directoryAudit` for a change made by the request's caller. */
export function audit(req: GraphRequest, input: DirectoryAuditInput): void {
  const entry = newDirectoryAudit(
    req.caller,
    { ...input, correlationId: input.correlationId ?? req.clientRequestId ?? req.requestId },
    req.now(),
    randomUUID(),
  );
  req.tenant.collection(COLLECTIONS.directoryAudits).put(entry.id as string, entry);
}

/**
 * Audits a change to one policy object (a provider, a flow): the record is the target, with the
 * properties that changed on an update.
 */
export function auditPolicy(
  req: GraphRequest,
  activity: string,
  operationType: "Add" | "Update" | "Delete",
  record: JsonObject,
  type: string,
  modifiedProperties?: AuditTarget["modifiedProperties"],
): void {
  audit(req, {
    activityDisplayName: activity,
    category: "Policy",
    operationType,
    targets: [
      {
        id: record.id as string,
        displayName: record.displayName as string,
        type,
        ...(modifiedProperties === undefined ? {} : { modifiedProperties }),
      },
    ],
  });
}

/** The properties whose values differ, for audit `modifiedProperties` (values of `secret` names withheld). */
export function changes(
  before: JsonObject,
  after: JsonObject,
  names: Iterable<string>,
  secret: ReadonlySet<string> = new Set(),
): { displayName: string; oldValue: Json | undefined; newValue: Json | undefined }[] {
  const out = [];
  for (const n of names) {
    if (JSON.stringify(before[n]) === JSON.stringify(after[n])) continue;
    out.push(
      secret.has(n)
        ? { displayName: n, oldValue: undefined, newValue: undefined }
        : { displayName: n, oldValue: before[n], newValue: after[n] },
    );
  }
  return out;
}

/**
 * The object id named by a `@odata.id`/`@odata.bind` URL (`https://graph.microsoft.com/v1.0/directoryObjects/{id}`,
 * `…/users/{id}`), or a 400 when it is not one.
 */
export function idFromReference(ref: Json | undefined): string {
  if (typeof ref !== "string") {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "Invalid object identifier reference: '@odata.id' must be a URL.",
    );
  }
  const m = /\/(?:directoryObjects|users|groups|servicePrincipals|applications)\/([^/?]+)\/?$/i.exec(ref);
  const id = m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
  if (id === undefined || !isGuid(id)) {
    throw new GraphError(400, "Request_BadRequest", `Invalid object identifier '${m?.[1] ?? ref}'.`);
  }
  return id.toLowerCase();
}

/** Finds a directory object (user, group, service principal, application) by id, with its `@odata.type`. */
export function directoryObject(
  req: GraphRequest,
  id: string,
): { record: JsonObject; type: string } | undefined {
  for (const [collection, type] of [
    ["users", "user"],
    ["groups", "group"],
    ["servicePrincipals", "servicePrincipal"],
    ["applications", "application"],
  ] as const) {
    const record = req.tenant.collection(collection).get(id);
    if (record !== undefined) return { record, type };
  }
  return undefined;
}
