import type { Operation } from "../../operations/define-operation.ts";
import { createEventListenerOperation } from "./create-event-listener.ts";
import { deleteEventListenerOperation } from "./delete-event-listener.ts";
import { getEventListenerOperation } from "./get-event-listener.ts";
import { listEventListenersOperation } from "./list-event-listeners.ts";
import { updateEventListenerOperation } from "./update-event-listener.ts";

/** The operations of the event-listeners area in catalog order (the registry joins the areas' lists). */
export const eventListenersOperations: readonly Operation[] = [
  listEventListenersOperation,
  getEventListenerOperation,
  createEventListenerOperation,
  updateEventListenerOperation,
  deleteEventListenerOperation,
];
