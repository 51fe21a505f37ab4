import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appIdSchema } from "../fields.ts";
import { eventListenerMapping } from "./event-listener-mapping.ts";
import {
  eventListenerSchema,
  fraudProviderSchema,
  listenerKindSchema,
  migrationPropertySchema,
} from "./event-listener-schema.ts";
import { createEventListener } from "./event-listeners-client.ts";

/** `event_listener_create`: bind a custom extension to an event for some apps. */
export const createEventListenerOperation = defineOperation({
  name: "event_listener_create",
  area: "event-listeners",
  title: "Create an event listener",
  description:
    "Makes Entra call a custom extension (of the same event) on an event for the given apps, e.g. onTokenIssuanceStart to add claims.",
  access: "write",
  idempotent: false,
  permissions: ["EventListener.ReadWrite.All"],
  input: z
    .object({
      kind: listenerKindSchema,
      appIds: z.array(appIdSchema).min(1).max(50).describe("Client ids."),
      customExtensionId: z.string().min(1).optional().describe("The custom extension to call (other kinds)."),
      fraudProvider: fraudProviderSchema.optional(),
      migrationPropertyId: migrationPropertySchema.optional(),
      displayName: z.string().max(256).optional(),
    })
    .refine(
      (v) =>
        v.kind === "onFraudProtectionLoadStart"
          ? v.fraudProvider !== undefined && v.customExtensionId === undefined
          : v.customExtensionId !== undefined && v.fraudProvider === undefined,
      "onFraudProtectionLoadStart takes fraudProvider; every other kind takes customExtensionId",
    )
    .refine(
      (v) => (v.kind === "onPasswordSubmit") === (v.migrationPropertyId !== undefined),
      "onPasswordSubmit takes migrationPropertyId (extension_<appIdWithoutDashes>_<Name>); other kinds do not",
    ),
  output: eventListenerSchema,
  run: (ctx, input) =>
    createEventListener(ctx.graph, eventListenerMapping.toGraphCreate(input), { signal: ctx.signal }),
});
