import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema, idSchema } from "../common.ts";
import { deleteEventListener } from "./event-listeners-client.ts";

/** `event_listener_delete`: stop calling an extension on an event. */
export const deleteEventListenerOperation = defineOperation({
  name: "event_listener_delete",
  area: "event-listeners",
  title: "Delete an event listener",
  description:
    "Deletes an event listener: Entra stops calling its extension for those apps (the extension stays).",
  access: "destructive",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z.object({ id: idSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteEventListener(ctx.graph, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
