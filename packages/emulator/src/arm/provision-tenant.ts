import { type SeedApp, seedDirectory } from "../graph/seed-directory.ts";
import { findByAppId, graphDelegatedScopes } from "../login/grants.ts";
import type { JsonObject } from "../store/json.ts";
import type { Store, TenantState } from "../store/store.ts";
import type { DirectoryRecord } from "./arm-store.ts";

/**
 * Private collection of a created tenant: id = user id → `{ role: "Global Administrator", memberId }`
 * for its first administrator (Graph's directory roles are not emulated).
 */
const FIRST_ADMINS = "_firstAdministrators";

/**
 * Turns a provisioned `ciamDirectories` resource into an emulated external tenant: its
 * organization, Microsoft Graph's service principal, the creating administrator as its first
 * user, and the home tenant's multi-tenant public clients (as first-party tools such as Azure CLI
 * are present in every tenant), with their consented delegated scopes.
 */
export function provisionTenant(
  store: Store,
  owner: TenantState,
  record: DirectoryRecord,
  now: Date,
): TenantState {
  const resource = record.resource;
  const properties = resource.properties as JsonObject;
  const create = properties.createTenantProperties as JsonObject;
  const name = String(resource.name).toLowerCase();
  const domain = `${name}.onmicrosoft.com`;
  const tenant = store.putTenant({
    id: String(properties.tenantId),
    kind: "external",
    displayName: String(create.displayName),
    subdomain: name,
    defaultDomain: domain,
    createdDateTime: now.toISOString(),
  });

  const publicClients: { app: JsonObject; seed: SeedApp }[] = [];
  for (const app of owner.collection("applications").values()) {
    if (app.isFallbackPublicClient !== true || app.signInAudience !== "AzureADMultipleOrgs") continue;
    const sp = findByAppId(owner.collection("servicePrincipals"), String(app.appId));
    const scopes = sp === undefined ? [] : graphDelegatedScopes(owner, String(sp.id), "");
    publicClients.push({
      app,
      seed: { displayName: String(app.displayName), publicClient: true, delegatedScopes: scopes },
    });
  }
  const creator = owner.collection("users").get(record.creator.objectId);
  const adminUpn =
    creator === undefined
      ? undefined
      : `${String(creator.userPrincipalName).replace("@", "_")}#EXT#@${domain}`;
  const seeded = seedDirectory(tenant, {
    seed: tenant.info.id,
    now,
    countryLetterCode: String(create.countryCode),
    apps: publicClients.map((p) => p.seed),
    users:
      creator === undefined || adminUpn === undefined
        ? []
        : [{ displayName: String(creator.displayName), userPrincipalName: adminUpn }],
  });

  // The same client id as at home: a multi-tenant app keeps its appId in every tenant.
  for (const [i, { app }] of publicClients.entries()) {
    const made = seeded.apps[i];
    if (made === undefined) continue;
    const apps = tenant.collection("applications");
    const sps = tenant.collection("servicePrincipals");
    const local = apps.get(made.objectId) as JsonObject;
    apps.put(made.objectId, { ...local, appId: app.appId ?? null, signInAudience: "AzureADMultipleOrgs" });
    const sp = sps.get(made.servicePrincipalId) as JsonObject;
    sps.put(made.servicePrincipalId, {
      ...sp,
      appId: app.appId ?? null,
      signInAudience: "AzureADMultipleOrgs",
    });
  }

  // The administrator signs in with their home credentials: the password stays the home tenant's.
  const admin = seeded.users[0];
  if (creator !== undefined && admin !== undefined) {
    const users = tenant.collection("users");
    const user = users.get(admin.id) as JsonObject;
    users.put(admin.id, { ...user, mail: creator.userPrincipalName ?? null, userType: "Member" });
    const hash = owner.collection("_userPasswords").get(String(creator.id));
    if (hash !== undefined) tenant.collection("_userPasswords").put(admin.id, { ...hash });
    tenant.collection(FIRST_ADMINS).put(admin.id, {
      role: "Global Administrator",
      memberId: admin.id,
    });
  }
  return tenant;
}

/**
 * Whether the tenant still holds more than it started with (users besides its first administrator,
 * app registrations besides the home tenant's public clients): ARM deletes the resource only as the
 * last step of deleting the tenant (api-surface 1.7), after its users and apps are gone.
 */
export function tenantHoldsObjects(tenant: TenantState): { users: number; applications: number } | undefined {
  const admins = new Set([...tenant.collection(FIRST_ADMINS).values()].map((r) => r.memberId));
  const users = [...tenant.collection("users").values()].filter((u) => !admins.has(u.id ?? null));
  const apps = [...tenant.collection("applications").values()].filter(
    (a) => !(a.isFallbackPublicClient === true && a.signInAudience === "AzureADMultipleOrgs"),
  );
  return users.length > 0 || apps.length > 0 ? { users: users.length, applications: apps.length } : undefined;
}
