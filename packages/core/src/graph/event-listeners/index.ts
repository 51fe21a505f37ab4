// The public names of the event-listeners area (authentication event listeners); core's src/index.ts re-
// exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { createEventListenerOperation } from "./create-event-listener.ts";
export { deleteEventListenerOperation } from "./delete-event-listener.ts";
export type { EventListener, ListenerKind } from "./event-listener-schema.ts";
export { LISTENER_KINDS } from "./event-listener-schema.ts";
export { getEventListenerOperation } from "./get-event-listener.ts";
export { listEventListenersOperation } from "./list-event-listeners.ts";
export { updateEventListenerOperation } from "./update-event-listener.ts";
