import { GRAPH_APP_ID } from "../graph/entities/graph-service-principal.ts";
import type { JsonObject } from "../store/json.ts";
import type { Collection, TenantState } from "../store/store.ts";

/** The first record of a collection whose `appId` equals `appId` (client ids compare case-insensitively). */
export function findByAppId(collection: Collection, appId: string): JsonObject | undefined {
  const key = appId.toLowerCase();
  for (const record of collection.values()) {
    if (typeof record.appId === "string" && record.appId.toLowerCase() === key) return record;
  }
  return undefined;
}

/**
 * The application permissions (`roles`) a client's service principal holds on Microsoft Graph:
 * the `value` of every Graph app role assigned to it. Read at issuance, so a new grant shows in the
 * next token and never in one already issued (api-surface 10.4).
 */
export function graphAppRoles(tenant: TenantState, clientSpId: string): string[] {
  const graphSp = findByAppId(tenant.collection("servicePrincipals"), GRAPH_APP_ID);
  if (graphSp === undefined) return [];
  const byId = new Map<string, string>();
  for (const role of asArray(graphSp.appRoles)) {
    if (typeof role.id === "string" && typeof role.value === "string") byId.set(role.id, role.value);
  }
  const roles = new Set<string>();
  for (const a of tenant.collection("appRoleAssignments").values()) {
    if (a.principalId !== clientSpId || a.resourceId !== graphSp.id || typeof a.appRoleId !== "string")
      continue;
    const value = byId.get(a.appRoleId);
    if (value !== undefined) roles.add(value);
  }
  return [...roles].sort();
}

/** The delegated scopes admin-consented (`AllPrincipals`) or consented by `userId` for a client on Graph. */
export function graphDelegatedScopes(tenant: TenantState, clientSpId: string, userId: string): string[] {
  const graphSp = findByAppId(tenant.collection("servicePrincipals"), GRAPH_APP_ID);
  if (graphSp === undefined) return [];
  const scopes = new Set<string>();
  for (const g of tenant.collection("oauth2PermissionGrants").values()) {
    if (g.clientId !== clientSpId || g.resourceId !== graphSp.id || typeof g.scope !== "string") continue;
    if (g.consentType !== "AllPrincipals" && g.principalId !== userId) continue;
    for (const s of g.scope.split(" ")) if (s !== "") scopes.add(s);
  }
  return [...scopes].sort();
}

function asArray(value: unknown): JsonObject[] {
  return Array.isArray(value)
    ? (value.filter((v) => typeof v === "object" && v !== null) as JsonObject[])
    : [];
}
