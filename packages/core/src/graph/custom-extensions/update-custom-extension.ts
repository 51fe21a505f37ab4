import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { customExtensionMapping, resourceIdOf } from "./custom-extension-mapping.ts";
import { customExtensionSchema, extensionFieldsShape } from "./custom-extension-schema.ts";
import { getCustomExtension, updateCustomExtension } from "./custom-extensions-client.ts";

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
  run: async (ctx, { id, appId, ...input }) => {
    const current = await getCustomExtension(ctx.graph, id, { signal: ctx.signal });
    // Graph wants the derived type on PATCH (api-surface 5.1): the mapping sends the stored kind's.
    const resourceId = resourceIdOf({ ...input, appId }, input.targetUrl ?? current.targetUrl);
    await updateCustomExtension(
      ctx.graph,
      id,
      customExtensionMapping.toGraphPatch({ ...input, kind: current.kind, resourceId }),
      { signal: ctx.signal },
    );
    return getCustomExtension(ctx.graph, id, { signal: ctx.signal });
  },
});
