import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listInputShape, listOutputSchema } from "../common.ts";
import { appIdSchema } from "../fields.ts";
import { eventListenerSchema } from "./event-listener-schema.ts";
import { listEventListeners } from "./event-listeners-client.ts";

/** `event_listener_list`: the tenant's authentication event listeners. */
export const listEventListenersOperation = defineOperation({
  name: "event_listener_list",
  area: "event-listeners",
  title: "List event listeners",
  description:
    "Lists authentication event listeners (event, apps, custom extension), user flows' own included.",
  access: "read",
  list: true,
  permissions: ["EventListener.Read.All"],
  input: z.object({
    appId: appIdSchema.optional().describe("Only those for this app."),
    ...listInputShape,
  }),
  output: listOutputSchema(eventListenerSchema),
  run: (ctx, input) => listEventListeners(ctx.graph, { ...input, signal: ctx.signal }),
});
