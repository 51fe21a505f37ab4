import { ARM_COLLECTIONS } from "../arm/arm-store.ts";
import { addApplicationPassword } from "../graph/credentials.ts";
import { newApplication } from "../graph/entities/application.ts";
import { newServicePrincipal } from "../graph/entities/service-principal.ts";
import { seededIds } from "../graph/ids.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";

/** The workforce tenant's confidential app that manages external tenants through ARM. */
export const WORKFORCE_MANAGER_APP = "ciamkit tenant manager";

/** The manager app's deterministic secret for a seed number. */
export function workforceManagerSecret(seed: number): string {
  return seededIds(`ciamkit-workforce-manager-secret:${seed}`).secret(40);
}

/**
 * Registers the confidential app "ciamkit tenant manager" in the workforce tenant, with a client
 * secret and Owner on the tenants' resource group, so that `ciam --emulator tenant …` and the MCP
 * tenant tools reach ARM with client credentials, as a pipeline's service principal does in Azure
 * (no device code). Does nothing when the app exists; a state saved before the app was seeded gets
 * it at the next start.
 */
export function ensureWorkforceManager(
  tenant: TenantState,
  seed: number,
  subscriptionId: string,
  resourceGroup: string,
): { appId: string; clientSecret: string } {
  const secret = workforceManagerSecret(seed);
  const apps = tenant.collection("applications");
  const existing = [...apps.values()].find((a) => a.displayName === WORKFORCE_MANAGER_APP);
  if (existing !== undefined) return { appId: String(existing.appId), clientSecret: secret };
  const ids = seededIds(`ciamkit-workforce-manager:${seed}`);
  const now = new Date(tenant.info.createdDateTime);
  const app = newApplication(tenant.info, { displayName: WORKFORCE_MANAGER_APP }, now, ids);
  apps.put(app.id as string, app);
  const sp = newServicePrincipal(tenant.info, app, {}, ids);
  tenant.collection("servicePrincipals").put(sp.id as string, sp);
  addApplicationPassword(
    tenant,
    apps.get(app.id as string) as JsonObject,
    { displayName: "seed" },
    now,
    ids,
    secret,
  );
  const assignment = ids.uuid();
  tenant.collection(ARM_COLLECTIONS.roleAssignments).put(assignment, {
    id: assignment,
    principalId: sp.id as string,
    principalType: "ServicePrincipal",
    roleDefinitionName: "Owner",
    scope: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`,
  });
  return { appId: app.appId as string, clientSecret: secret };
}
