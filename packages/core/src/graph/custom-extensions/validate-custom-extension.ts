import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { resourceIdSchema, targetUrlSchema, validationSchema } from "./custom-extension-schema.ts";
import { validateAuthenticationConfiguration } from "./custom-extensions-client.ts";

/** `custom_extension_validate`: Graph's validateAuthenticationConfiguration. */
export const validateCustomExtensionOperation = defineOperation({
  name: "custom_extension_validate",
  area: "custom-extensions",
  title: "Validate an extension's authentication setup",
  description:
    "Asks Graph whether an extension's authentication setup will work: resourceId shaped api://{host}/{appId} with the endpoint's host, an app with a service principal in the tenant (errors), and that app granted CustomAuthenticationExtensions.Receive.Payload (warning). Give an existing extension's id, or a draft targetUrl with resourceId or appId. Changes nothing.",
  access: "read",
  permissions: ["CustomAuthenticationExtension.Read.All"],
  input: z
    .object({
      id: idSchema.optional(),
      targetUrl: targetUrlSchema.optional(),
      resourceId: resourceIdSchema.optional(),
      appId: z.uuid().optional(),
    })
    .refine(
      (v) =>
        (v.id !== undefined) !== (v.targetUrl !== undefined) &&
        (v.id !== undefined || (v.resourceId === undefined) !== (v.appId === undefined)),
      "give an id, or a targetUrl with exactly one of resourceId, appId",
    ),
  output: validationSchema,
  run: (ctx, input) =>
    validateAuthenticationConfiguration(
      ctx.graph,
      input.id !== undefined
        ? { id: input.id }
        : {
            targetUrl: input.targetUrl as string,
            resourceId: input.resourceId ?? `api://${new URL(input.targetUrl as string).host}/${input.appId}`,
          },
      { signal: ctx.signal },
    ),
});
