import { getOperation } from "../by-id-operations.ts";
import { attributeIdSchema, userFlowAttributeSchema } from "./user-flow-attribute-schema.ts";
import { getAttribute } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_get`: one attribute. */
export const getUserFlowAttributeOperation = getOperation(
  "user_flow_attribute_get",
  "user-flow-attributes",
  attributeIdSchema,
  userFlowAttributeSchema,
  {
    title: "Get a user-flow attribute",
    description:
      "Returns a user-flow attribute by id (email, city, extension_<appId>_<Name>) with its data type and kind.",
    permissions: ["IdentityUserFlow.Read.All"],
    get: (ctx, id) => getAttribute(ctx.graph, id, { signal: ctx.signal }),
  },
);
