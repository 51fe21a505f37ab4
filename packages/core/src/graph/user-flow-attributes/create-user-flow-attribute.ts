import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { descriptionSchema } from "../fields.ts";
import {
  customAttributeDataTypeSchema,
  customAttributeNameSchema,
  userFlowAttributeSchema,
} from "./user-flow-attribute-schema.ts";
import { createAttribute } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_create`: a custom attribute. */
export const createUserFlowAttributeOperation = defineOperation({
  name: "user_flow_attribute_create",
  area: "user-flow-attributes",
  title: "Create a custom user-flow attribute",
  description:
    "Creates a custom sign-up attribute (string, boolean or int64; fixed) named extension_<appId>_<Name>; collect it: user_flow_attribute_add.",
  access: "write",
  idempotent: false,
  permissions: ["IdentityUserFlow.ReadWrite.All"],
  input: z.object({
    displayName: customAttributeNameSchema.describe("Spaces are dropped from the id."),
    description: descriptionSchema.optional().describe("Shown at sign-up."),
    dataType: customAttributeDataTypeSchema,
  }),
  output: userFlowAttributeSchema,
  run: (ctx, input) => createAttribute(ctx.graph, input, { signal: ctx.signal }),
});
