import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import {
  customExtensionSchema,
  extensionKindSchema,
  extensionODataType,
  targetUrlSchema,
} from "./custom-extension-schema.ts";
import { createCustomExtension } from "./custom-extensions-client.ts";
import { extensionBody, extensionFieldsShape, hostOf } from "./extension-body.ts";

/** `custom_extension_create`: a REST API Entra calls on an authentication event. */
export const createCustomExtensionOperation = defineOperation({
  name: "custom_extension_create",
  area: "custom-extensions",
  title: "Create a custom extension",
  description:
    "Registers a REST API Entra calls on an authentication event, protected by an app; then validate it and bind it with event_listener_create.",
  access: "write",
  idempotent: false,
  permissions: ["CustomAuthenticationExtension.ReadWrite.All"],
  input: z
    .object({
      ...extensionFieldsShape,
      kind: extensionKindSchema,
      displayName: z.string().trim().min(1).max(256),
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
  run: (ctx, input) =>
    createCustomExtension(
      ctx.graph,
      { "@odata.type": extensionODataType(input.kind), ...extensionBody(input, hostOf(input.targetUrl)) },
      { signal: ctx.signal },
    ),
});
