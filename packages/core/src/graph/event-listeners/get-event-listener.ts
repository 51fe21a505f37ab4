import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { eventListenerSchema } from "./event-listener-schema.ts";
import { getEventListener } from "./event-listeners-client.ts";

/** `event_listener_get`: one authentication event listener. */
export const getEventListenerOperation = defineOperation({
  name: "event_listener_get",
  area: "event-listeners",
  title: "Get an event listener",
  description:
    "Returns an event listener: its event, apps (client ids), and the custom extension (or fraud provider) it calls.",
  access: "read",
  permissions: ["EventListener.Read.All"],
  input: z.object({ id: idSchema }),
  output: eventListenerSchema,
  run: (ctx, input) => getEventListener(ctx.graph, input.id, { signal: ctx.signal }),
});
