import { deleteOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { deleteCaPolicy } from "./ca-policies-client.ts";

/** `security_ca_delete`: removes a Conditional Access policy. */
export const deleteCaPolicyOperation = deleteOperation("security_ca_delete", "security", idSchema, {
  title: "Delete a Conditional Access policy",
  description:
    "Deletes a Conditional Access policy by id; what it required (MFA, a block) stops applying at once.",
  permissions: ["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All"],
  remove: (ctx, id) => deleteCaPolicy(ctx.graph, id, { signal: ctx.signal }),
});
