import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { appIdSchema } from "../fields.ts";
import { eventListenerMapping } from "./event-listener-mapping.ts";
import { eventListenerSchema, LISTENER_KINDS, migrationPropertySchema } from "./event-listener-schema.ts";
import { getEventListener, updateEventListener } from "./event-listeners-client.ts";

/** `event_listener_update`: change a listener's apps, extension or name. */
export const updateEventListenerOperation = defineOperation({
  name: "event_listener_update",
  area: "event-listeners",
  title: "Update an event listener",
  description:
    "Changes a listener's apps (appIds replaces the list), custom extension (of the same event) or name. Returns the listener.",
  access: "write",
  idempotent: true,
  permissions: ["EventListener.ReadWrite.All"],
  input: z
    .object({
      id: idSchema,
      appIds: z.array(appIdSchema).max(50).optional().describe("Replaces the list (client ids)."),
      customExtensionId: z.string().min(1).optional(),
      migrationPropertyId: migrationPropertySchema.describe("onPasswordSubmit only.").optional(),
      displayName: z.string().max(256).optional(),
    })
    .refine(
      (v) =>
        v.appIds !== undefined ||
        v.customExtensionId !== undefined ||
        v.migrationPropertyId !== undefined ||
        v.displayName !== undefined,
      "give at least one field to change",
    ),
  output: eventListenerSchema,
  run: async (ctx, input) => {
    const current = await getEventListener(ctx.graph, input.id, { signal: ctx.signal });
    if (input.customExtensionId !== undefined && !Object.hasOwn(LISTENER_KINDS, current.kind)) {
      throw new InputError(
        `Listener ${input.id} (${current.kind}) is managed by a user flow; change its extension on the flow.`,
      );
    }
    const password = current.kind === "onPasswordSubmit";
    if (input.migrationPropertyId !== undefined && !password) {
      throw new InputError(
        `Listener ${input.id} is ${current.kind}; only onPasswordSubmit takes migrationPropertyId.`,
      );
    }
    // Graph wants the derived type on PATCH (api-surface 5.2): the mapping sends the stored kind's.
    // A password migration handler is replaced whole, so the half not changed is sent as read.
    const { id, ...changes } = input;
    const handler =
      password && (changes.customExtensionId !== undefined || changes.migrationPropertyId !== undefined)
        ? {
            customExtensionId: changes.customExtensionId ?? current.customExtensionId ?? undefined,
            migrationPropertyId: changes.migrationPropertyId ?? current.migrationPropertyId ?? undefined,
          }
        : {};
    await updateEventListener(
      ctx.graph,
      id,
      eventListenerMapping.toGraphPatch({ ...changes, ...handler, kind: current.kind }),
      { signal: ctx.signal },
    );
    return getEventListener(ctx.graph, input.id, { signal: ctx.signal });
  },
});
