import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { appIdSchema } from "../fields.ts";
import { resourceIdOf } from "./custom-extension-mapping.ts";
import { resourceIdSchema, targetUrlSchema, validationSchema } from "./custom-extension-schema.ts";
import { validateAuthenticationConfiguration } from "./custom-extensions-client.ts";

/** `custom_extension_validate`: Graph's validateAuthenticationConfiguration. */
export const validateCustomExtensionOperation = defineOperation({
  name: "custom_extension_validate",
  area: "custom-extensions",
  title: "Validate a custom extension's auth setup",
  description:
    "Checks an extension's auth setup (resourceId, protecting app's service principal and grant), by id or draft targetUrl.",
  access: "read",
  permissions: ["CustomAuthenticationExtension.Read.All"],
  input: z
    .object({
      id: idSchema.optional(),
      targetUrl: targetUrlSchema.optional(),
      resourceId: resourceIdSchema.optional(),
      appId: appIdSchema.optional(),
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
            resourceId: resourceIdOf(input, input.targetUrl) as string,
          },
      { signal: ctx.signal },
    ),
});
