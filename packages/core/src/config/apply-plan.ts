/**
 * `applyPlan`: runs a plan's changes in its order, after checking that the tenant is still in the
 * state the plan was made on. Each step is one object's change, so a failure part-way leaves every
 * earlier step done and the next plan shows exactly what is left.
 */
import type { ServiceClient } from "../http/service-client.ts";
import { InputError } from "../input-error.ts";
import { applyPermissions, type IdMaps, runStep, type StepContext } from "./apply-steps.ts";
import { liveSpec } from "./live-spec.ts";
import { resourceNames, stateHash, type TenantPlan } from "./plan-tenant.ts";
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
  /** Called after each change is made. */
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
 * the tenant changed since the plan was made; run plan again then.
 */
export async function applyPlan(
  client: { graph: ServiceClient; tenantId: string },
  plan: TenantPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const state = await readTenantState(client, options.signal, resourceNames(plan.spec));
  const now = stateHash(liveSpec(state));
  if (now !== plan.stateHash) {
    throw new StalePlanError(
      `The tenant changed since the plan was made (state ${plan.stateHash}, now ${now}); nothing was changed. Run plan again, review it, and apply that plan.`,
    );
  }
  const ctx: StepContext = {
    graph: client.graph,
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
  for (const [index, change] of plan.changes.entries()) {
    // Applications' permissions may name each other: set once every application of the plan exists.
    if (
      !permissionsDone &&
      change.kind !== "applications" &&
      applied.some((c) => c.kind === "applications")
    ) {
      await applyPermissions(ctx, plan.changes);
      permissionsDone = true;
    }
    await runStep(ctx, change);
    applied.push(change);
    options.onChange?.(change, index);
  }
  if (!permissionsDone) await applyPermissions(ctx, plan.changes);
  return { applied };
}
