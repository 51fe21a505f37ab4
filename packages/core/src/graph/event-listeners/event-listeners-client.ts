/** The authentication event listeners resource client (`/identity/authenticationEventListeners`). */
import { any, eq } from "../../http/odata.ts";
import type { ListResult } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { entitySetClient } from "../entity-set-client.ts";
import { eventListenerMapping, type GraphListener } from "./event-listener-mapping.ts";
import type { EventListener } from "./event-listener-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const PATH = "/identity/authenticationEventListeners";
const listeners = entitySetClient<GraphListener, EventListener>(PATH, eventListenerMapping.fromGraph);

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

/** Every listener. */
export const listAllEventListeners = listeners.all;

/** The first listener `predicate` accepts, reading pages only until it is found. */
export const findEventListener = listeners.find;

/** Creates a listener. */
export const createEventListener = listeners.create;

/** Updates a listener (PATCH with its `@odata.type`, 204). */
export const updateEventListener = listeners.update;

/** Deletes a listener. */
export const deleteEventListener = listeners.remove;
