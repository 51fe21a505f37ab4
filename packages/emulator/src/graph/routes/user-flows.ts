import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newFlow, updateFlow } from "../entities/user-flow.ts";
import { notFound } from "../graph-errors.ts";
import { getEntity, listCollection } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { auditPolicy, changes, jsonBody } from "./common.ts";
import { syncFlowListeners } from "./flow-listeners.ts";
import { flowLookups, flows } from "./identity-lookup.ts";
import { flowsSpec, serveFlow, withoutTypeCasts } from "./user-flow-query.ts";

/** Permissions of every user-flow read and write (api-surface 2.10). */
export const FLOW_READ = ["EventListener.Read.All"];
const CAST = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";
export const FLOW_WRITE = ["EventListener.ReadWrite.All"];

/** A flow by id, or Graph's 404. */
export function findFlow(req: GraphRequest, id: string): JsonObject {
  const flow = req.tenant.collection(COLLECTIONS.authenticationEventsFlows).get(id.toLowerCase());
  if (flow === undefined) {
    throw notFound(id);
  }
  return flow;
}

/** Refuses a display name another flow has (names are unique in a tenant, api-surface 2.1). */
function checkUniqueName(req: GraphRequest, name: string, exceptId: string | null): void {
  const clash = flows(req).find(
    (f) => f.id !== exceptId && String(f.displayName).toLowerCase() === name.trim().toLowerCase(),
  );
  if (clash !== undefined) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `A user flow named '${name.trim()}' already exists (${String(clash.id)}).`,
    );
  }
}

/** Writes a changed flow and its audit entry. */
export function saveFlow(
  req: GraphRequest,
  before: JsonObject | null,
  after: JsonObject,
  activity: string,
  names: readonly string[],
): void {
  req.tenant.collection(COLLECTIONS.authenticationEventsFlows).put(after.id as string, after);
  syncFlowListeners(req, after.id as string, after);
  auditPolicy(
    req,
    activity,
    before === null ? "Add" : "Update",
    after,
    "AuthenticationEventsFlow",
    changes(before ?? {}, after, names),
  );
}

function createFlow(req: GraphRequest) {
  const body = jsonBody(req);
  const flow = newFlow(body, req.version, randomUUID(), flowLookups(req));
  checkUniqueName(req, flow.displayName as string, null);
  saveFlow(req, null, flow, "Add authentication events flow", ["displayName"]);
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#identity/authenticationEventsFlows/$entity`,
      ...serveFlow(req, flow, "created"),
    },
  };
}

function patchFlow(req: GraphRequest, id: string) {
  const body = jsonBody(req);
  const before = findFlow(req, id);
  const after = updateFlow(before, body, req.version, flowLookups(req));
  checkUniqueName(req, after.displayName as string, after.id as string);
  saveFlow(
    req,
    before,
    after,
    "Update authentication events flow",
    Object.keys(body).filter((k) => !k.startsWith("@odata.")),
  );
  return { status: 204 };
}

function deleteFlow(req: GraphRequest, id: string) {
  const flow = findFlow(req, id);
  // The flow's includeApplications go with it: every linked app is unlinked (api-surface 2.6).
  req.tenant.collection(COLLECTIONS.authenticationEventsFlows).delete(flow.id as string);
  syncFlowListeners(req, flow.id as string, null);
  auditPolicy(req, "Delete authentication events flow", "Delete", flow, "AuthenticationEventsFlow");
  return { status: 204 };
}

/** `/identity/authenticationEventsFlows` (api-surface 2.3-2.6). */
export const userFlowRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/identity/authenticationEventsFlows",
    permissions: FLOW_READ,
    handle: (req) => {
      const plain = withoutTypeCasts(req);
      return listCollection(plain, flowsSpec(plain, "list"), flows(req));
    },
  },
  {
    method: "GET",
    path: "/identity/authenticationEventsFlows/{id}",
    permissions: FLOW_READ,
    handle: (req, p) => getEntity(req, flowsSpec(req, "get"), findFlow(req, p.id as string)),
  },
  // The type-cast forms the Graph SDKs build (`.graphExternalUsersSelfServiceSignUpEventsFlow`).
  {
    method: "GET",
    path: `/identity/authenticationEventsFlows/${CAST}`,
    permissions: FLOW_READ,
    handle: (req) => {
      const plain = withoutTypeCasts(req);
      return listCollection(plain, flowsSpec(plain, "list"), flows(req));
    },
  },
  {
    method: "GET",
    path: `/identity/authenticationEventsFlows/{id}/${CAST}`,
    permissions: FLOW_READ,
    handle: (req, p) => getEntity(req, flowsSpec(req, "get"), findFlow(req, p.id as string)),
  },
  {
    method: "POST",
    path: "/identity/authenticationEventsFlows",
    permissions: FLOW_WRITE,
    handle: createFlow,
  },
  {
    method: "PATCH",
    path: "/identity/authenticationEventsFlows/{id}",
    permissions: FLOW_WRITE,
    handle: (req, p) => patchFlow(req, p.id as string),
  },
  {
    method: "DELETE",
    path: "/identity/authenticationEventsFlows/{id}",
    permissions: FLOW_WRITE,
    handle: (req, p) => deleteFlow(req, p.id as string),
  },
];
