import { randomUUID } from "node:crypto";
import type { JsonObject } from "../../store/json.ts";
import type { GraphRequest } from "../route.ts";

/**
 * The event listeners a user flow owns. Graph creates an `authenticationEventListener` per configured
 * event of a flow, its `authenticationEventsFlowId` pointing back (api-surface 2, 5.2); they follow the
 * flow's handlers and applications and go when it goes. They live with the other listeners, in the
 * `authenticationEventListeners` collection (records with their `@odata.type`).
 */

const LISTENERS = "authenticationEventListeners";

/** The listener type of each flow handler. */
const LISTENER_OF: Readonly<Record<string, string>> = {
  onInteractiveAuthFlowStart: "onInteractiveAuthFlowStartListener",
  onAuthenticationMethodLoadStart: "onAuthenticationMethodLoadStartListener",
  onAttributeCollection: "onAttributeCollectionListener",
  onUserCreateStart: "onUserCreateStartListener",
  onAttributeCollectionStart: "onAttributeCollectionStartListener",
  onAttributeCollectionSubmit: "onAttributeCollectionSubmitListener",
};

/** The flow's listeners, by `@odata.type`. */
function owned(req: GraphRequest, flowId: string): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const l of req.tenant.collection(LISTENERS).values()) {
    if (l.authenticationEventsFlowId === flowId) out.set(String(l["@odata.type"]), l);
  }
  return out;
}

/**
 * Brings the flow's listeners in line with the flow (or removes them all when `flow` is null):
 * one per non-null handler, with the flow's conditions and priority, ids kept across updates.
 */
export function syncFlowListeners(req: GraphRequest, flowId: string, flow: JsonObject | null): void {
  const listeners = req.tenant.collection(LISTENERS);
  const existing = owned(req, flowId);
  const wanted = new Set<string>();
  for (const [handler, type] of Object.entries(LISTENER_OF)) {
    const value = flow?.[handler];
    if (flow === null || value === null || value === undefined) continue;
    const odataType = `#microsoft.graph.${type}`;
    wanted.add(odataType);
    const before = existing.get(odataType);
    const record: JsonObject = {
      "@odata.type": odataType,
      id: (before?.id as string | undefined) ?? randomUUID(),
      authenticationEventsFlowId: flowId,
      // Only the CSDL's includeApplications: includeAllApplications is a documented quirk of flows.
      conditions: {
        applications: {
          includeApplications: structuredClone(
            (((flow.conditions as JsonObject | null)?.applications as JsonObject | undefined)
              ?.includeApplications ?? []) as JsonObject[],
          ),
        },
      },
      displayName: null,
      priority: flow.priority ?? 500,
      handler: structuredClone(value),
    };
    if (JSON.stringify(before) !== JSON.stringify(record)) listeners.put(record.id as string, record);
  }
  for (const [type, listener] of existing) if (!wanted.has(type)) listeners.delete(listener.id as string);
}
