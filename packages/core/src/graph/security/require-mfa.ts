import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { createCaPolicy, findCaPolicy, getCaPolicy, updateCaPolicy } from "./ca-policies-client.ts";
import { caPolicyMapping } from "./ca-policy-mapping.ts";
import { caPolicySchema } from "./ca-policy-schema.ts";
import { resolveAppIds } from "./resolve-app-ids.ts";

/**
 * `security_mfa_require`: the Conditional Access policy External ID uses to require MFA of customers
 * ("Add multifactor authentication (MFA) to a customer app"): all users, the chosen apps, grant `mfa`.
 * Converging: a policy of the same name is updated in place.
 */
export const requireMfaOperation = defineOperation({
  name: "security_mfa_require",
  area: "security",
  title: "Require MFA for apps",
  description:
    "Creates or updates (by name) the Conditional Access policy requiring MFA of every customer of the apps. Needs Email or Sms enabled.",
  access: "write",
  idempotent: true,
  permissions: ["Policy.ReadWrite.ConditionalAccess", "Policy.Read.All", "Application.Read.All"],
  input: z.object({
    apps: z.array(z.string().trim().min(1)).min(1).max(50).describe("App names or client ids."),
    reportOnly: z.boolean().default(false).describe("Log what it would do; enforce nothing."),
    displayName: z.string().trim().min(1).max(256).default("Require MFA for customers"),
  }),
  output: z.object({ policy: caPolicySchema, created: z.boolean() }),
  run: async (ctx, input) => {
    const signal = ctx.signal;
    const appIds = await resolveAppIds(ctx.graph, input.apps, { signal });
    const spec = {
      displayName: input.displayName,
      state: input.reportOnly ? "enabledForReportingButNotEnforced" : "enabled",
      appIds,
      users: ["All"],
      clientAppTypes: ["all"],
      controls: ["mfa"],
    };
    const name = input.displayName.toLowerCase();
    const existing = await findCaPolicy(ctx.graph, (p) => p.displayName.toLowerCase() === name, { signal });
    if (existing === undefined) {
      const policy = await createCaPolicy(ctx.graph, caPolicyMapping.toGraphCreate(spec), { signal });
      return { policy, created: true };
    }
    await updateCaPolicy(ctx.graph, existing.id, caPolicyMapping.toGraphPatch(spec), { signal });
    return { policy: await getCaPolicy(ctx.graph, existing.id, { signal }), created: false };
  },
});
