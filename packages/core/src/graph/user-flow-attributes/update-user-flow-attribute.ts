import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { descriptionSchema } from "../fields.ts";
import { attributeIdSchema, userFlowAttributeSchema } from "./user-flow-attribute-schema.ts";
import { getAttribute, updateAttributeDescription } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_update`: change a custom attribute's description. */
export const updateUserFlowAttributeOperation = defineOperation({
  name: "user_flow_attribute_update",
  area: "user-flow-attributes",
  title: "Update a custom attribute",
  description:
    "Changes a custom attribute's description, its only changeable property (built-ins cannot change). Returns the attribute.",
  access: "write",
  idempotent: true,
  permissions: ["IdentityUserFlow.ReadWrite.All"],
  input: z.object({ id: attributeIdSchema, description: descriptionSchema.nullable() }),
  output: userFlowAttributeSchema,
  run: async (ctx, input) => {
    await updateAttributeDescription(ctx.graph, input.id, input.description, { signal: ctx.signal });
    return getAttribute(ctx.graph, input.id, { signal: ctx.signal, readAfterWrite: true });
  },
});
