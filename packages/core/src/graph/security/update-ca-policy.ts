import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { getCaPolicy, updateCaPolicy } from "./ca-policies-client.ts";
import { caPolicyFields, caPolicySpec } from "./ca-policy-input.ts";
import { type CaPolicyChanges, caPolicyMapping } from "./ca-policy-mapping.ts";
import { type CaPolicy, caPolicySchema } from "./ca-policy-schema.ts";

/**
 * The changes completed with what the policy has, so that each part of Graph's body the change
 * touches is sent whole: an exclusion with the inclusions, an operator with the controls.
 */
function completed(current: CaPolicy, c: CaPolicyChanges): CaPolicyChanges {
  const out = { ...c };
  if ([c.users, c.excludeUsers, c.groups, c.excludeGroups].some((v) => v !== undefined)) {
    out.users = c.users ?? current.users;
    out.excludeUsers = c.excludeUsers ?? current.excludeUsers;
    out.groups = c.groups ?? current.groups;
    out.excludeGroups = c.excludeGroups ?? current.excludeGroups;
  }
  if (c.appIds !== undefined || c.excludeAppIds !== undefined) {
    out.appIds = c.appIds ?? current.appIds;
    out.excludeAppIds = c.excludeAppIds ?? current.excludeAppIds;
  }
  if (c.controls !== undefined || c.operator !== undefined) {
    out.controls = c.controls ?? current.controls;
    out.operator = c.operator ?? (current.operator === "AND" ? "AND" : "OR");
  }
  return out;
}

/** `security_ca_update`: changes a Conditional Access policy in place. */
export const updateCaPolicyOperation = defineOperation({
  name: "security_ca_update",
  area: "security",
  title: "Update a Conditional Access policy",
  description:
    "Changes a Conditional Access policy by id (state enabled ends report-only); a list given replaces the policy's.",
  access: "write",
  idempotent: true,
  permissions: ["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All", "Application.Read.All"],
  input: z
    .object({ id: idSchema, ...caPolicyFields })
    .refine(
      (v) => Object.entries(v).some(([k, x]) => k !== "id" && x !== undefined),
      "give at least one change",
    ),
  output: caPolicySchema,
  run: async (ctx, input) => {
    const signal = ctx.signal;
    const { id, ...fields } = input;
    const current = await getCaPolicy(ctx.graph, id, { signal });
    const changes = completed(current, await caPolicySpec(ctx.graph, fields, signal));
    await updateCaPolicy(ctx.graph, id, caPolicyMapping.toGraphPatch(changes), { signal });
    return getCaPolicy(ctx.graph, id, { signal, readAfterWrite: true });
  },
});
