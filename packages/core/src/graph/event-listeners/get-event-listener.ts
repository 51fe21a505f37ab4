import { getOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { eventListenerSchema } from "./event-listener-schema.ts";
import { getEventListener } from "./event-listeners-client.ts";

/** `event_listener_get`: one authentication event listener. */
export const getEventListenerOperation = getOperation(
  "event_listener_get",
  "event-listeners",
  idSchema,
  eventListenerSchema,
  {
    title: "Get an event listener",
    description:
      "Returns an event listener: its event, apps (client ids), and the custom extension (or fraud provider) it calls.",
    permissions: ["EventListener.Read.All"],
    get: (ctx, id) => getEventListener(ctx.graph, id, { signal: ctx.signal }),
  },
);
