import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getPolicyXml } from "./trust-framework-client.ts";
import { B2C_ONLY, policyIdSchema } from "./trust-framework-schema.ts";

/** `trust_framework_policy_get`: one custom policy's XML. */
export const getPolicyOperation = defineOperation({
  name: "trust_framework_policy_get",
  area: "trust-framework",
  title: "Get a B2C custom policy",
  description: `Returns a custom policy's XML as stored (with the PublicPolicyUri the service adds). ${B2C_ONLY}`,
  access: "read",
  permissions: ["Policy.Read.All"],
  input: z.object({ id: policyIdSchema }),
  output: z.object({ id: z.string(), xml: z.string() }),
  run: async (ctx, input) => ({
    id: input.id,
    xml: await getPolicyXml(ctx.graphBeta, input.id, { signal: ctx.signal }),
  }),
});
