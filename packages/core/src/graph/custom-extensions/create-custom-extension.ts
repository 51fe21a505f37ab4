import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema } from "../fields.ts";
import { customExtensionMapping, resourceIdOf } from "./custom-extension-mapping.ts";
import {
  customExtensionSchema,
  extensionFieldsShape,
  extensionKindSchema,
  targetUrlSchema,
} from "./custom-extension-schema.ts";
import { createCustomExtension } from "./custom-extensions-client.ts";

/** `custom_extension_create`: a REST API Entra calls on an authentication event. */
export const createCustomExtensionOperation = defineOperation({
  name: "custom_extension_create",
  area: "custom-extensions",
  title: "Create a custom extension",
  description:
    "Registers a REST API Entra calls on an authentication event; then validate and bind it (event_listener_create).",
  access: "write",
  idempotent: false,
  permissions: ["CustomAuthenticationExtension.ReadWrite.All"],
  input: z
    .object({
      ...extensionFieldsShape,
      kind: extensionKindSchema,
      displayName: displayNameSchema,
      targetUrl: targetUrlSchema,
    })
    .refine(
      (v) => (v.resourceId === undefined) !== (v.appId === undefined),
      "give exactly one of resourceId, appId",
    )
    .refine(
      (v) => v.claims === undefined || v.kind === "onTokenIssuanceStart",
      "claims are for onTokenIssuanceStart extensions only",
    ),
  output: customExtensionSchema,
  run: (ctx, { appId, ...input }) =>
    createCustomExtension(
      ctx.graph,
      customExtensionMapping.toGraphCreate({
        ...input,
        resourceId: resourceIdOf({ ...input, appId }, input.targetUrl),
      }),
      { signal: ctx.signal },
    ),
});
