import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema } from "../common.ts";
import { attributeIdSchema } from "./user-flow-attribute-schema.ts";
import { deleteAttribute } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_delete`: delete a custom attribute. */
export const deleteUserFlowAttributeOperation = defineOperation({
  name: "user_flow_attribute_delete",
  area: "user-flow-attributes",
  title: "Delete a custom user-flow attribute",
  description:
    "Deletes a custom attribute (not built-ins); remove it from flows first (user_flow_attribute_remove).",
  access: "destructive",
  idempotent: true,
  permissions: ["IdentityUserFlow.ReadWrite.All"],
  input: z.object({ id: attributeIdSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteAttribute(ctx.graph, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
