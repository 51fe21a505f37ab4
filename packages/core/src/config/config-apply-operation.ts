import { z } from "zod";
import { confirmRemovals } from "../operations/confirm-removals.ts";
import { defineOperation } from "../operations/define-operation.ts";
import { changeLabel } from "./apply-error.ts";
import { applyPlan, StalePlanError } from "./apply-plan.ts";
import { planCounts, planCountsSchema, planSpecInput, specInputShape } from "./config-input.ts";
import { CONFIG_READ_PERMISSIONS } from "./config-plan-operation.ts";
import { planConfirmation, planText } from "./plan-summary.ts";
import { plannedChangeSchema } from "./plan-types.ts";

const NAME = "config_apply";
const pastTense = { create: "created", update: "updated", replace: "replaced", delete: "deleted" } as const;

/** `config_apply`: make the tenant as the spec says (plan, then apply it). */
export const configApplyOperation = defineOperation({
  name: NAME,
  area: "config",
  title: "Apply a tenant spec",
  description:
    "Applies a spec in dependency order, adopting same-named objects. stateHash from config_plan refuses a tenant changed since.",
  access: "destructive",
  idempotent: true,
  confirmsItself: true,
  permissions: [
    ...CONFIG_READ_PERMISSIONS,
    "EventListener.ReadWrite.All",
    "CustomAuthenticationExtension.ReadWrite.All",
    "IdentityUserFlow.ReadWrite.All",
    "IdentityProvider.ReadWrite.All",
    "Application.ReadWrite.All",
    "Group.ReadWrite.All",
    "OrganizationalBranding.ReadWrite.All",
  ],
  input: z.object({
    ...specInputShape,
    stateHash: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("From config_plan: refuse if the tenant changed since."),
  }),
  output: z.object({
    applied: z.array(plannedChangeSchema),
    counts: planCountsSchema,
    summary: z.string().describe("What was done, as text."),
  }),
  positional: "dir",
  run: async (ctx, input) => {
    const { plan, source } = await planSpecInput(ctx, input);
    if (input.stateHash !== undefined && input.stateHash !== plan.stateHash) {
      throw new StalePlanError(
        `The tenant changed since the plan ${input.stateHash} was made (now ${plan.stateHash}); nothing was changed. Plan again, review it, and apply with its stateHash.`,
      );
    }
    // The plan is what is confirmed (the front ends ask nothing before it: confirmsItself): its
    // counts and changes, deletes and replaces (prune, a fixed field changed) named last.
    if (plan.changes.length > 0)
      await confirmRemovals(
        ctx,
        NAME,
        plan.changes
          .filter((c) => c.action === "delete" || c.action === "replace")
          .map(
            (c) =>
              `${c.kind} '${c.name}' (${c.action === "delete" ? "deleted" : `replaced: ${c.reason ?? ""}`})`,
          ),
        planConfirmation(plan.changes, plan.unmanaged),
      );
    const total = plan.changes.length;
    const result = await applyPlan(ctx, plan, {
      baseDir: source.baseDir,
      signal: ctx.signal,
      // One line per change as it is made, so a long apply shows where it is (and a failure, how far).
      onChange: (change, index) =>
        ctx.onProgress?.({
          message: `${pastTense[change.action]} ${changeLabel(change).replace(/^\S+ /, "")}`,
          done: index + 1,
          total,
          step: true,
        }),
    });
    return {
      applied: result.applied,
      counts: planCounts(result.applied),
      summary: planText(result.applied, "Applied", plan.unmanaged),
    };
  },
});
