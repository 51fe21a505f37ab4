import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { customExtensionSchema, extensionKindOf, extensionODataType } from "./custom-extension-schema.ts";
import { getCustomExtension, updateCustomExtension } from "./custom-extensions-client.ts";
import { extensionBody, extensionFieldsShape, hostOf } from "./extension-body.ts";

/** `custom_extension_update`: change an extension's endpoint, protecting app, timeouts or claims. */
export const updateCustomExtensionOperation = defineOperation({
  name: "custom_extension_update",
  area: "custom-extensions",
  title: "Update a custom extension",
  description:
    "Changes a custom extension's name, endpoint, protecting app, timeout, retries, error behaviour or claims (then validate it).",
  access: "write",
  idempotent: true,
  permissions: ["CustomAuthenticationExtension.ReadWrite.All"],
  input: z
    .object({ id: idSchema, ...extensionFieldsShape })
    .refine(
      (v) => Object.entries(v).some(([k, x]) => k !== "id" && x !== undefined),
      "give at least one field to change",
    )
    .refine((v) => v.resourceId === undefined || v.appId === undefined, "give resourceId or appId, not both"),
  output: customExtensionSchema,
  run: async (ctx, input) => {
    const current = await getCustomExtension(ctx.graph, input.id, { signal: ctx.signal });
    const kind = extensionKindOf(`#microsoft.graph.${current.kind}CustomExtension`);
    // Graph wants the derived type on PATCH (api-surface 5.1); an unknown kind is sent as it was read.
    const odataType = kind === undefined ? current.kind : extensionODataType(kind);
    await updateCustomExtension(
      ctx.graph,
      input.id,
      { "@odata.type": odataType, ...extensionBody(input, hostOf(input.targetUrl ?? current.targetUrl)) },
      { signal: ctx.signal },
    );
    return getCustomExtension(ctx.graph, input.id, { signal: ctx.signal });
  },
});
