import { deleteOperation } from "../by-id-operations.ts";
import { deletePolicy } from "./trust-framework-client.ts";
import { B2C_ONLY, policyIdSchema } from "./trust-framework-schema.ts";

/** `trust_framework_policy_delete`: remove a custom policy. */
export const deletePolicyOperation = deleteOperation(
  "trust_framework_policy_delete",
  "trust-framework",
  policyIdSchema,
  {
    title: "Delete a B2C custom policy",
    description: `Deletes a custom policy by id (delete policies inheriting from it first); apps can no longer sign in through it. ${B2C_ONLY}`,
    permissions: ["Policy.ReadWrite.TrustFramework"],
    remove: (ctx, id) => deletePolicy(ctx.graphBeta, id, { signal: ctx.signal }),
  },
);
