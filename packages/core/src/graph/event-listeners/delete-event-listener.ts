import { deleteOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { deleteEventListener } from "./event-listeners-client.ts";

/** `event_listener_delete`: stop calling an extension on an event. */
export const deleteEventListenerOperation = deleteOperation(
  "event_listener_delete",
  "event-listeners",
  idSchema,
  {
    title: "Delete an event listener",
    description:
      "Deletes an event listener: Entra stops calling its extension for those apps (the extension stays).",
    permissions: ["EventListener.ReadWrite.All"],
    remove: (ctx, id) => deleteEventListener(ctx.graph, id, { signal: ctx.signal }),
  },
);
