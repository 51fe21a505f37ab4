import { getOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { getCaPolicy } from "./ca-policies-client.ts";
import { caPolicySchema } from "./ca-policy-schema.ts";

/** `security_ca_get`: one Conditional Access policy. */
export const getCaPolicyOperation = getOperation("security_ca_get", "security", idSchema, caPolicySchema, {
  title: "Get a Conditional Access policy",
  description:
    "One Conditional Access policy by id: its state, the users, groups and apps it covers, its controls.",
  permissions: ["Policy.Read.All"],
  get: (ctx, id) => getCaPolicy(ctx.graph, id, { signal: ctx.signal }),
});
