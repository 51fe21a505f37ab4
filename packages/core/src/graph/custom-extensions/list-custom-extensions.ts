import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listInputShape, listOutputSchema } from "../common.ts";
import { customExtensionSchema } from "./custom-extension-schema.ts";
import { listCustomExtensions } from "./custom-extensions-client.ts";

/** `custom_extension_list`: the tenant's custom authentication extensions. */
export const listCustomExtensionsOperation = defineOperation({
  name: "custom_extension_list",
  area: "custom-extensions",
  title: "List custom extensions",
  description: "Lists custom authentication extensions: event, endpoint, protecting app, timeouts.",
  access: "read",
  list: true,
  permissions: ["CustomAuthenticationExtension.Read.All"],
  input: z.object(listInputShape),
  output: listOutputSchema(customExtensionSchema),
  run: (ctx, input) => listCustomExtensions(ctx.graph, { ...input, signal: ctx.signal }),
});
