import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema } from "../fields.ts";
import { createCaPolicy } from "./ca-policies-client.ts";
import { caPolicyFields, caPolicySpec } from "./ca-policy-input.ts";
import { caPolicyMapping } from "./ca-policy-mapping.ts";
import { caPolicySchema } from "./ca-policy-schema.ts";

/** `security_ca_create`: a Conditional Access policy of any shape External ID takes. */
export const createCaPolicyOperation = defineOperation({
  name: "security_ca_create",
  area: "security",
  title: "Create a Conditional Access policy",
  description:
    "Creates a Conditional Access policy (users, groups, apps, client app types, grant controls); report-only unless state is set.",
  access: "write",
  idempotent: false,
  permissions: ["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All", "Application.Read.All"],
  input: z.object({
    ...caPolicyFields,
    displayName: displayNameSchema,
    apps: caPolicyFields.apps.unwrap(),
    controls: caPolicyFields.controls.unwrap(),
  }),
  output: caPolicySchema,
  run: async (ctx, input) => {
    const spec = await caPolicySpec(ctx.graph, input, ctx.signal);
    const body = caPolicyMapping.toGraphCreate({
      ...input,
      ...spec,
      // Report-only and every user unless told otherwise (the way External ID's MFA guide starts).
      state: input.state ?? "enabledForReportingButNotEnforced",
      users: input.users ?? ["All"],
      appIds: spec.appIds ?? [],
    });
    return createCaPolicy(ctx.graph, body, { signal: ctx.signal });
  },
});
