import { ARM_COLLECTIONS } from "../arm/arm-store.ts";
import { seededIds } from "../graph/ids.ts";
import { seedDirectory } from "../graph/seed-directory.ts";
import type { JsonObject } from "../store/json.ts";
import type { Store, TenantState } from "../store/store.ts";
import { DEMO_CLI_APP, DEMO_CLI_SCOPES } from "./demo-seed.ts";
import {
  ensureWorkforceManager,
  WORKFORCE_MANAGER_APP,
  workforceManagerSecret,
} from "./workforce-manager.ts";

/** The workforce tenant's deterministic ids and secrets for a seed number. */
export function workforceIdentity(seed: number): {
  tenantId: string;
  subscriptionId: string;
  adminPassword: string;
  developerPassword: string;
} {
  const ids = seededIds(`ciamkit-workforce:${seed}`);
  return {
    tenantId: ids.uuid(),
    subscriptionId: ids.uuid(),
    adminPassword: `Adm1n!${ids.secret(14)}`,
    developerPassword: `D3v!${ids.secret(14)}`,
  };
}

/** The resource group the admin owns; external tenants are created in it. */
export const WORKFORCE_RESOURCE_GROUP = "ciam-tenants";
const ADMIN_UPN = "admin@fabrikamhq.onmicrosoft.com";
const DEVELOPER_UPN = "dev@fabrikamhq.onmicrosoft.com";

/** How a client reaches the workforce tenant and its Azure subscription. */
export interface WorkforceConnection {
  tenantId: string;
  domain: string;
  /** `https://127.0.0.1:LOGINPORT/{tenantId}`. */
  authority: string;
  knownAuthorities: string[];
  /** The multi-tenant public client for device code sign-in (also present in every tenant created from here). */
  publicClientId: string;
  /** Holds the Owner role on {@link WorkforceConnection.resourceGroup}. */
  adminUser: { userPrincipalName: string; password: string; objectId: string };
  /**
   * The confidential app "ciamkit tenant manager": client credentials with Owner on
   * {@link WorkforceConnection.resourceGroup}, for ARM without a person signing in.
   */
  managementApp: { clientId: string; clientSecret: string };
  /** A user of the tenant with no Azure role (ARM answers 403 to them). */
  developerUser: { userPrincipalName: string; password: string; objectId: string };
  subscriptionId: string;
  resourceGroup: string;
}

/**
 * Creates the workforce tenant `fabrikamhq` from which external tenants are created, as in Azure:
 * an Azure subscription with the resource group `ciam-tenants`, an admin holding Owner on it, a
 * developer without any role, and the multi-tenant public client "ciamkit CLI" for device code
 * sign-in with its delegated scopes consented.
 */
export function seedWorkforceTenant(store: Store, seed: number): TenantState {
  const who = workforceIdentity(seed);
  const created = new Date(Date.UTC(2025, 0, 1));
  const tenant = store.putTenant({
    id: who.tenantId,
    kind: "workforce",
    displayName: "Fabrikam HQ",
    subdomain: "fabrikamhq",
    defaultDomain: "fabrikamhq.onmicrosoft.com",
    createdDateTime: created.toISOString(),
  });
  const seeded = seedDirectory(tenant, {
    seed: `ciamkit-workforce-directory:${seed}`,
    now: created,
    apps: [{ displayName: DEMO_CLI_APP, publicClient: true, delegatedScopes: DEMO_CLI_SCOPES }],
    users: [
      { displayName: "Fabrikam Admin", userPrincipalName: ADMIN_UPN, password: who.adminPassword },
      {
        displayName: "Fabrikam Developer",
        userPrincipalName: DEVELOPER_UPN,
        password: who.developerPassword,
      },
    ],
  });
  const cli = seeded.apps[0];
  if (cli !== undefined) {
    const apps = tenant.collection("applications");
    apps.put(cli.objectId, {
      ...(apps.get(cli.objectId) as JsonObject),
      signInAudience: "AzureADMultipleOrgs",
    });
  }
  const sub = who.subscriptionId;
  tenant.collection(ARM_COLLECTIONS.subscriptions).put(sub, {
    subscriptionId: sub,
    displayName: "Fabrikam CIAM",
    state: "Enabled",
  });
  tenant.collection(ARM_COLLECTIONS.resourceGroups).put(`${sub}/${WORKFORCE_RESOURCE_GROUP}`, {
    id: `/subscriptions/${sub}/resourceGroups/${WORKFORCE_RESOURCE_GROUP}`,
    name: WORKFORCE_RESOURCE_GROUP,
    location: "westeurope",
    subscriptionId: sub,
  });
  const admin = seeded.users[0];
  if (admin !== undefined) {
    const id = seededIds(`ciamkit-workforce-rbac:${seed}`).uuid();
    tenant.collection(ARM_COLLECTIONS.roleAssignments).put(id, {
      id,
      principalId: admin.id,
      principalType: "User",
      roleDefinitionName: "Owner",
      scope: `/subscriptions/${sub}/resourceGroups/${WORKFORCE_RESOURCE_GROUP}`,
    });
  }
  ensureWorkforceManager(tenant, seed, sub, WORKFORCE_RESOURCE_GROUP);
  return tenant;
}

/** Gives a workforce tenant loaded from a state saved before the manager app existed its manager app. */
export function adoptWorkforceTenant(tenant: TenantState, seed: number): void {
  ensureWorkforceManager(tenant, seed, workforceIdentity(seed).subscriptionId, WORKFORCE_RESOURCE_GROUP);
}

/** Describes the workforce tenant for clients, from what the store holds now. */
export function workforceConnection(
  tenant: TenantState,
  seed: number,
  loginOrigin: string,
): WorkforceConnection {
  const who = workforceIdentity(seed);
  const apps = [...tenant.collection("applications").values()];
  const users = [...tenant.collection("users").values()];
  const idOf = (upn: string) => String(users.find((u) => u.userPrincipalName === upn)?.id ?? "");
  return {
    tenantId: tenant.info.id,
    domain: tenant.info.defaultDomain,
    authority: `${loginOrigin}/${tenant.info.id}`,
    knownAuthorities: [new URL(loginOrigin).host],
    publicClientId: String(apps.find((a) => a.displayName === DEMO_CLI_APP)?.appId ?? ""),
    adminUser: { userPrincipalName: ADMIN_UPN, password: who.adminPassword, objectId: idOf(ADMIN_UPN) },
    managementApp: {
      clientId: String(apps.find((a) => a.displayName === WORKFORCE_MANAGER_APP)?.appId ?? ""),
      clientSecret: workforceManagerSecret(seed),
    },
    developerUser: {
      userPrincipalName: DEVELOPER_UPN,
      password: who.developerPassword,
      objectId: idOf(DEVELOPER_UPN),
    },
    subscriptionId: who.subscriptionId,
    resourceGroup: WORKFORCE_RESOURCE_GROUP,
  };
}
