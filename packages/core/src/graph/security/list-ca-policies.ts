import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listCaPolicies } from "./ca-policies-client.ts";
import { caPolicySchema } from "./ca-policy-schema.ts";

/** `security_ca_list`: the tenant's Conditional Access policies. */
export const listCaPoliciesOperation = defineOperation({
  name: "security_ca_list",
  area: "security",
  title: "List Conditional Access policies",
  description: "The tenant's Conditional Access policies: state, apps and users covered, controls required.",
  access: "read",
  permissions: ["Policy.Read.All"],
  input: z.object({}),
  output: z.object({ items: z.array(caPolicySchema) }),
  run: async (ctx) => ({ items: await listCaPolicies(ctx.graph, { signal: ctx.signal }) }),
});
