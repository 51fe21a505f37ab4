import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listPolicies } from "./trust-framework-client.ts";
import { B2C_ONLY } from "./trust-framework-schema.ts";

/** `trust_framework_policy_list`: the B2C custom policies. */
export const listPoliciesOperation = defineOperation({
  name: "trust_framework_policy_list",
  area: "trust-framework",
  title: "List B2C custom policies",
  description: `Lists the ids of the tenant's custom (Identity Experience Framework) policies, e.g. B2C_1A_signup_signin. ${B2C_ONLY}`,
  access: "read",
  permissions: ["Policy.Read.All"],
  input: z.object({}),
  output: z.object({ items: z.array(z.object({ id: z.string() })) }),
  run: async (ctx) => ({
    items: (await listPolicies(ctx.graphBeta, { signal: ctx.signal })).map((id) => ({ id })),
  }),
});
