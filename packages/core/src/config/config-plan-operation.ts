import { z } from "zod";
import { defineOperation } from "../operations/define-operation.ts";
import { planCounts, planCountsSchema, planSpecInput, specInputShape } from "./config-input.ts";
import { planText } from "./plan-summary.ts";
import { planSummarySchema } from "./plan-types.ts";

/** The read permissions plan and apply need to read the tenant. */
export const CONFIG_READ_PERMISSIONS = [
  "EventListener.Read.All",
  "CustomAuthenticationExtension.Read.All",
  "IdentityUserFlow.Read.All",
  "IdentityProvider.Read.All",
  "Application.Read.All",
  "Group.Read.All",
  "OrganizationalBranding.Read.All",
] as const;

/** `config_plan`: what applying a spec would change, nothing written. */
export const configPlanOperation = defineOperation({
  name: "config_plan",
  area: "config",
  title: "Plan a tenant spec",
  description:
    "Compares a spec with the tenant: creates, updates (before/after, secrets masked), replaces, deletes (prune), in apply order.",
  access: "read",
  permissions: [...CONFIG_READ_PERMISSIONS],
  input: z.object({
    ...specInputShape,
    detailedExitcode: z.boolean().optional().describe("Exit 2 when there are changes, 0 when none."),
  }),
  output: planSummarySchema.extend({
    counts: planCountsSchema,
    summary: z.string().describe("The plan as text."),
  }),
  inputSurfaces: { detailedExitcode: "cli" },
  positional: "dir",
  run: async (ctx, input) => {
    const { plan } = await planSpecInput(ctx, input);
    return {
      changes: plan.changes,
      stateHash: plan.stateHash,
      prune: plan.prune,
      counts: planCounts(plan.changes),
      summary: planText(plan.changes, "Plan", plan.unmanaged),
    };
  },
});
