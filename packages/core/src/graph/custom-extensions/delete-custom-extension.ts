import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema, idSchema } from "../common.ts";
import { deleteCustomExtension } from "./custom-extensions-client.ts";

/** `custom_extension_delete`: remove a custom authentication extension. */
export const deleteCustomExtensionOperation = defineOperation({
  name: "custom_extension_delete",
  area: "custom-extensions",
  title: "Delete a custom extension",
  description:
    "Deletes a custom extension by id; delete or rebind its event listeners first (event_listener_list).",
  access: "destructive",
  idempotent: true,
  permissions: ["CustomAuthenticationExtension.ReadWrite.All"],
  input: z.object({ id: idSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteCustomExtension(ctx.graph, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
