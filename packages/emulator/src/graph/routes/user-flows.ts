import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { FLOW_TYPE, newFlow, updateFlow } from "../entities/user-flow.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { syncFlowListeners } from "./flow-listeners.ts";
import { flowLookups, flows } from "./identity-lookup.ts";
import { flowsSpec, serveFlow, withoutTypeCasts } from "./user-flow-query.ts";

/** Permissions of every user-flow read and write (api-surface 2.10). */
export const FLOW_READ = ["EventListener.Read.All"];
export const FLOW_WRITE = ["EventListener.ReadWrite.All"];

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

/** `/identity/authenticationEventsFlows` (api-surface 2.3-2.6), with the derived type's cast segments the SDKs build. */
export const userFlowSet = defineEntitySet({
  name: "identity/authenticationEventsFlows",
  collection: COLLECTIONS.authenticationEventsFlows,
  type: FLOW_TYPE.replace("#microsoft.graph.", ""),
  spec: (req) => flowsSpec(req, "get"),
  listSpec: (req) => flowsSpec(req, "list"),
  listRequest: withoutTypeCasts,
  list: flows,
  directory: false,
  casts: ["externalUsersSelfServiceSignUpEventsFlow"],
  read: { permissions: FLOW_READ, count: false },
  audit: {
    category: "Policy",
    activity: "authentication events flow",
    targetType: "AuthenticationEventsFlow",
  },
  create: {
    permissions: FLOW_WRITE,
    build: (req, body) => {
      const flow = newFlow(body, req.version, randomUUID(), flowLookups(req));
      checkUniqueName(req, flow.displayName as string, null);
      return flow;
    },
    after: (req, flow) => syncFlowListeners(req, flow.id as string, flow),
    audited: () => ["displayName"],
    // The create example's IdP handler carries only its type (api-surface 2.3).
    served: (req, flow) => serveFlow(req, flow, "created"),
  },
  update: {
    permissions: FLOW_WRITE,
    apply: (req, before, body) => {
      const after = updateFlow(before, body, req.version, flowLookups(req));
      checkUniqueName(req, after.displayName as string, after.id as string);
      return after;
    },
    after: (req, _before, after) => syncFlowListeners(req, after.id as string, after),
  },
  // The flow's includeApplications go with it: every linked app is unlinked (api-surface 2.6).
  remove: { permissions: FLOW_WRITE, after: (req, flow) => syncFlowListeners(req, flow.id as string, null) },
});

export const userFlowRoutes: readonly GraphRoute[] = userFlowSet.routes;

/** A flow by id, or Graph's 404. */
export const findFlow = (req: GraphRequest, id: string): JsonObject => userFlowSet.find(req, id);

/** Writes a flow changed through one of its navigations (apps, providers, attributes), and its audit entry. */
export function saveFlow(
  req: GraphRequest,
  before: JsonObject,
  after: JsonObject,
  names: readonly string[],
): void {
  userFlowSet.records(req).put(after.id as string, after);
  syncFlowListeners(req, after.id as string, after);
  userFlowSet.audit(req, "Update", before, after, names);
}
