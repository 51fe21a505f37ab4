import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { userFlowAttributeSchema } from "./user-flow-attribute-schema.ts";
import { listAttributes } from "./user-flow-attributes-client.ts";

/** `user_flow_attribute_list_all`: every attribute the tenant defines (not one flow's). */
export const listUserFlowAttributesOperation = defineOperation({
  name: "user_flow_attribute_list_all",
  area: "user-flow-attributes",
  title: "List all user-flow attributes",
  description:
    "Lists every attribute the tenant can collect at sign-up: built-in (email, city, …) and custom (extension_…).",
  access: "read",
  permissions: ["IdentityUserFlow.Read.All"],
  input: z.object({
    type: z.enum(["builtIn", "custom"]).optional().describe("Built-in or custom only."),
  }),
  output: z.object({ items: z.array(userFlowAttributeSchema) }),
  run: async (ctx, input) => ({
    items: await listAttributes(ctx.graph, { type: input.type, signal: ctx.signal }),
  }),
});
