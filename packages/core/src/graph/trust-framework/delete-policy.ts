import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema } from "../common.ts";
import { deletePolicy } from "./trust-framework-client.ts";
import { B2C_ONLY, policyIdSchema } from "./trust-framework-schema.ts";

/** `trust_framework_policy_delete`: remove a custom policy. */
export const deletePolicyOperation = defineOperation({
  name: "trust_framework_policy_delete",
  area: "trust-framework",
  title: "Delete a B2C custom policy",
  description: `Deletes a custom policy by id (delete policies inheriting from it first); apps can no longer sign in through it. ${B2C_ONLY}`,
  access: "destructive",
  idempotent: true,
  permissions: ["Policy.ReadWrite.TrustFramework"],
  input: z.object({ id: policyIdSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deletePolicy(ctx.graphBeta, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
