import { z } from "zod";
import { ConflictError } from "../../http/errors.ts";
import { confirmRemovals } from "../../operations/confirm-removals.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema, idSchema } from "../common.ts";
import { deleteEventListener, listAllEventListeners } from "../event-listeners/event-listeners-client.ts";
import { deleteCustomExtension } from "./custom-extensions-client.ts";

const NAME = "custom_extension_delete";

/**
 * `custom_extension_delete`: remove a custom authentication extension. One an event listener still
 * calls is refused (the listener would be left calling nothing), naming each listener; with
 * `withListeners` the listeners are deleted too, after confirmation.
 */
export const deleteCustomExtensionOperation = defineOperation({
  name: NAME,
  area: "custom-extensions",
  title: "Delete a custom extension",
  description:
    "Deletes a custom extension by id; refused while an event listener calls it, unless withListeners (deletes those too).",
  access: "destructive",
  idempotent: true,
  permissions: ["CustomAuthenticationExtension.ReadWrite.All", "EventListener.ReadWrite.All"],
  input: z.object({
    id: idSchema,
    withListeners: z.boolean().optional().describe("Also delete the listeners calling it (confirmed)."),
  }),
  output: deletedSchema.extend({ listeners: z.array(z.string()).optional().describe("Deleted with it.") }),
  run: async (ctx, input) => {
    const options = { signal: ctx.signal };
    const calling = (await listAllEventListeners(ctx.graph, options)).filter(
      (l) => l.customExtensionId?.toLowerCase() === input.id.toLowerCase(),
    );
    const named = (l: (typeof calling)[number]) =>
      `event listener ${l.id} (${l.kind}${l.authenticationEventsFlowId == null ? "" : `, of user flow ${l.authenticationEventsFlowId}`})`;
    const owned = calling.filter((l) => l.authenticationEventsFlowId != null);
    if (calling.length > 0 && (input.withListeners !== true || owned.length > 0)) {
      throw new ConflictError({
        service: "graph",
        status: 409,
        code: "ExtensionInUse",
        message: `Custom extension ${input.id} is still called by ${calling.map(named).join(", ")}; nothing was deleted. ${
          owned.length > 0
            ? "Set the user flow's extension to none first (user_flow_update)."
            : "Delete or rebind the listeners first (event_listener_delete), or delete both with withListeners: true (--with-listeners)."
        }`,
      });
    }
    await confirmRemovals(ctx, NAME, calling.map(named));
    for (const l of calling) await deleteEventListener(ctx.graph, l.id, options);
    await deleteCustomExtension(ctx.graph, input.id, options);
    return calling.length === 0
      ? deleted(input.id)
      : { ...deleted(input.id), listeners: calling.map((l) => l.id) };
  },
});
