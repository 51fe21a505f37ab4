/**
 * `applyPlan`: runs a plan's changes in its order, after checking that the tenant is still in the
 * state the plan was made on. Each step is one object's change, so a failure part-way leaves every
 * earlier step done and the next plan shows exactly what is left.
 */
import type { ServiceClient } from "../http/service-client.ts";
import { InputError } from "../input-error.ts";
import { ApplyError } from "./apply-error.ts";
import {
  applyPermissions,
  type IdMaps,
  PermissionsStepError,
  runStep,
  type StepContext,
} from "./apply-steps.ts";
import { liveSpec } from "./live-spec.ts";
import { resourceNames, specKinds, stateHash, type TenantPlan } from "./plan-tenant.ts";
import type { PlannedChange } from "./plan-types.ts";
import { type SecretSources, secretResolver } from "./secrets.ts";
import { readTenantState, type TenantState } from "./tenant-state.ts";

/** A plan made on a state the tenant is no longer in: nothing was changed. */
export class StalePlanError extends InputError {
  override readonly name = "StalePlanError";
}

/** Options of {@link applyPlan}. */
export interface ApplyOptions extends SecretSources {
  signal?: AbortSignal | undefined;
  /** Called after each change is made, with its index in the plan's changes. */
  onChange?: ((change: PlannedChange, index: number) => void) | undefined;
}

/** What apply did. */
export interface ApplyResult {
  applied: PlannedChange[];
}

function idMaps(state: TenantState): IdMaps {
  const custom = state.attributes.filter((a) => a.userFlowAttributeType === "custom");
  const live = liveSpec(state);
  const providers = new Map<string, string>();
  for (const objects of live.identityProviders.values())
    for (const o of objects) providers.set(o.key.toLowerCase(), o.id);
  return {
    attributes: new Map(custom.map((a) => [(a.displayName ?? a.id).toLowerCase(), a.id])),
    providers,
    providerTypes: live.providerType,
    applications: new Map(
      state.applications.map((a) => [
        (a.displayName ?? a.id).toLowerCase(),
        { id: a.id, appId: a.appId ?? "" },
      ]),
    ),
    extensions: new Map(
      state.extensions.map((e) => [(e.displayName ?? e.id).toLowerCase(), { id: e.id, event: e.kind }]),
    ),
  };
}

/**
 * Applies a plan from {@link planTenant}. Refuses (a {@link StalePlanError}, before any write) when
 * the tenant changed since the plan was made; run plan again then. A change that fails stops apply
 * with an {@link ApplyError} naming the changes applied, the one that failed and those not run.
 */
export async function applyPlan(
  client: { graph: ServiceClient; tenantId: string; graphBeta?: ServiceClient | undefined },
  plan: TenantPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const state = await readTenantState(client, options.signal, resourceNames(plan.spec), specKinds(plan.spec));
  const now = stateHash(liveSpec(state));
  if (now !== plan.stateHash) {
    throw new StalePlanError(
      `The tenant changed since the plan was made (state ${plan.stateHash}, now ${now}); nothing was changed. Run plan again, review it, and apply that plan.`,
    );
  }
  const ctx: StepContext = {
    graph: client.graph,
    graphBeta: client.graphBeta,
    policyTenant: state.trustFramework?.tenant,
    organizationId: state.organizationId,
    spec: plan.spec,
    ids: idMaps(state),
    resources: state.resources,
    secret: secretResolver(options),
    files: plan.files,
    signal: options.signal,
  };
  const applied: PlannedChange[] = [];
  let permissionsDone = false;
  // The applications' permissions, set after all of them exist; a failure names the application.
  const permissions = async (next: number) => {
    permissionsDone = true;
    try {
      await applyPermissions(ctx, plan.changes);
    } catch (error) {
      if (!(error instanceof PermissionsStepError)) throw error;
      // An application whose permissions are not set is not applied yet: the next plan shows it.
      const unset = new Set(error.unset);
      throw new ApplyError({
        applied: applied.filter((c) => !unset.has(c)),
        failed: error.change,
        step: "permissions",
        remaining: plan.changes.filter((c, i) => c !== error.change && (i >= next || unset.has(c))),
        cause: error.cause,
      });
    }
  };
  for (const [index, change] of plan.changes.entries()) {
    // Applications' permissions may name each other: set once every application of the plan exists.
    if (!permissionsDone && change.kind !== "applications" && applied.some((c) => c.kind === "applications"))
      await permissions(index);
    try {
      await runStep(ctx, change);
    } catch (error) {
      // Never silent: what was made, what failed (with the service's ids), what was not run.
      throw new ApplyError({
        applied,
        failed: change,
        remaining: plan.changes.slice(index + 1),
        cause: error,
      });
    }
    applied.push(change);
    options.onChange?.(change, index);
  }
  if (!permissionsDone) await permissions(plan.changes.length);
  return { applied };
}
