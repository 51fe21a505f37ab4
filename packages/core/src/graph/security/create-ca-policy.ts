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
    "Creates a Conditional Access policy: who (users, groups; GuestsOrExternalUsers), which apps and client app types, the grant controls. Report-only unless state is given.",
  access: "write",
  idempotent: false,
  permissions: ["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All", "Application.Read.All"],
  input: z.object({
    ...caPolicyFields,
    displayName: displayNameSchema,
    state: caPolicyFields.state.unwrap().default("enabledForReportingButNotEnforced"),
    apps: caPolicyFields.apps.unwrap(),
    users: caPolicyFields.users.unwrap().default(["All"]),
    controls: caPolicyFields.controls.unwrap(),
  }),
  output: caPolicySchema,
  run: async (ctx, input) => {
    const spec = await caPolicySpec(ctx.graph, input, ctx.signal);
    const body = caPolicyMapping.toGraphCreate({ ...input, ...spec, appIds: spec.appIds ?? [] });
    return createCaPolicy(ctx.graph, body, { signal: ctx.signal });
  },
});
