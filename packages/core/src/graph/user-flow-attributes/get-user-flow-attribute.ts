import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { attributeIdSchema, userFlowAttributeSchema } from "./user-flow-attribute-schema.ts";
import { getAttribute } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_get`: one attribute. */
export const getUserFlowAttributeOperation = defineOperation({
  name: "user_flow_attribute_get",
  area: "user-flow-attributes",
  title: "Get a user-flow attribute",
  description:
    "Returns one user-flow attribute by id (email, city, extension_<appId>_<Name>) with its data type and whether it is built-in or custom. Fails with a not-found error when it does not exist.",
  access: "read",
  permissions: ["IdentityUserFlow.Read.All"],
  input: z.object({ id: attributeIdSchema }),
  output: userFlowAttributeSchema,
  run: (ctx, input) => getAttribute(ctx.graph, input.id, { signal: ctx.signal }),
});
