import { getOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { customExtensionSchema } from "./custom-extension-schema.ts";
import { getCustomExtension } from "./custom-extensions-client.ts";

/** `custom_extension_get`: one custom authentication extension. */
export const getCustomExtensionOperation = getOperation(
  "custom_extension_get",
  "custom-extensions",
  idSchema,
  customExtensionSchema,
  {
    title: "Get a custom extension",
    description:
      "Returns a custom authentication extension: event, endpoint, protecting app, timeout, retries, error behaviour, claims.",
    permissions: ["CustomAuthenticationExtension.Read.All"],
    get: (ctx, id) => getCustomExtension(ctx.graph, id, { signal: ctx.signal }),
  },
);
