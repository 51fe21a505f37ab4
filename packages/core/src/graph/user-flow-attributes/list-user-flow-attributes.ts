import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { userFlowAttributeSchema } from "./user-flow-attribute-schema.ts";
import { listAttributes } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_list_all`: every attribute the tenant defines (not one flow's). */
export const listUserFlowAttributesOperation = defineOperation({
  name: "user_flow_attribute_list_all",
  area: "user-flow-attributes",
  title: "List the tenant's user-flow attributes",
  description:
    "Lists every attribute the tenant can collect at sign-up: built-in ones (email, displayName, givenName, city, …) and custom ones (extension_…), optionally only one kind. These are the ids user_flow_attribute_add accepts; for the attributes one flow collects, use user_flow_attribute_list.",
  access: "read",
  permissions: ["IdentityUserFlow.Read.All"],
  input: z.object({
    type: z.enum(["builtIn", "custom"]).optional().describe("Only built-in or only custom attributes."),
  }),
  output: z.object({ items: z.array(userFlowAttributeSchema) }),
  run: async (ctx, input) => ({
    items: await listAttributes(ctx.graph, { type: input.type, signal: ctx.signal }),
  }),
});
