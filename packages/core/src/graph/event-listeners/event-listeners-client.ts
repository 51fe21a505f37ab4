/** The authentication event listeners resource client (`/identity/authenticationEventListeners`). */

import { any, eq } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { entitySetClient } from "../entity-set-client.ts";
import {
  type EventListener,
  type GraphListener,
  LISTENER_KINDS,
  type ListenerKind,
  toEventListener,
} from "./event-listener-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const listeners = entitySetClient<GraphListener, EventListener>(
  "/identity/authenticationEventListeners",
  toEventListener,
);

/** A page of listeners, optionally only those applying to an app. */
export function listEventListeners(
  graph: ServiceClient,
  options: Common & { appId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<ListResult<EventListener>> {
  const filter =
    options.appId === undefined
      ? undefined
      : any("conditions/applications/includeApplications", "a", (at) =>
          eq(at("appId"), options.appId as string),
        );
  return listeners.page(graph, {
    filter: filter === undefined ? undefined : String(filter),
    limit: options.limit,
    cursor: options.cursor,
    signal: options.signal,
  });
}

/** One listener. */
export const getEventListener = listeners.get;

/** The handler body of a kind: the bound extension (nested `{ id }`, as the docs send it) or the fraud provider. */
export function handlerBody(
  kind: ListenerKind,
  target: {
    customExtensionId?: string | undefined;
    fraudProvider?: { type: "arkose" | "humanSecurity"; id: string } | undefined;
  },
): Record<string, unknown> {
  const handler = LISTENER_KINDS[kind];
  if (kind === "onFraudProtectionLoadStart") {
    const provider = target.fraudProvider;
    if (provider === undefined)
      throw new InputError("onFraudProtectionLoadStart needs a fraud protection provider.");
    return {
      "@odata.type": `#microsoft.graph.${handler}`,
      signUp: {
        "@odata.type": "#microsoft.graph.fraudProtectionProviderConfiguration",
        fraudProtectionProvider: {
          "@odata.type": `#microsoft.graph.${provider.type}FraudProtectionProvider`,
          id: provider.id,
        },
      },
    };
  }
  return { "@odata.type": `#microsoft.graph.${handler}`, customExtension: { id: target.customExtensionId } };
}

/** The conditions body for a set of apps. */
export const conditionsBody = (appIds: readonly string[]) => ({
  applications: { includeApplications: appIds.map((appId) => ({ appId })) },
});

/** Creates a listener. */
export const createEventListener = listeners.create;

/** Updates a listener (PATCH with its `@odata.type`, 204). */
export const updateEventListener = listeners.update;

/** Deletes a listener. */
export const deleteEventListener = listeners.remove;
