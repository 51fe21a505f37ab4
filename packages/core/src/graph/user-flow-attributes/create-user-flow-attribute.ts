import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { userFlowAttributeSchema } from "./user-flow-attribute-schema.ts";
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
    displayName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_ ]*$/, "letters, digits, underscores and spaces, starting with a letter")
      .max(100)
      .describe("Spaces are dropped from the id."),
    description: z.string().max(1024).optional().describe("Shown at sign-up."),
    dataType: z.enum(["string", "boolean", "int64"]),
  }),
  output: userFlowAttributeSchema,
  run: (ctx, input) => createAttribute(ctx.graph, input, { signal: ctx.signal }),
});
