import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { customExtensionSchema } from "./custom-extension-schema.ts";
import { getCustomExtension } from "./custom-extensions-client.ts";

/** `custom_extension_get`: one custom authentication extension. */
export const getCustomExtensionOperation = defineOperation({
  name: "custom_extension_get",
  area: "custom-extensions",
  title: "Get a custom extension",
  description:
    "Returns a custom authentication extension: event, endpoint, protecting app, timeout, retries, error behaviour, claims.",
  access: "read",
  permissions: ["CustomAuthenticationExtension.Read.All"],
  input: z.object({ id: idSchema }),
  output: customExtensionSchema,
  run: (ctx, input) => getCustomExtension(ctx.graph, input.id, { signal: ctx.signal }),
});
