import { seededIds } from "../graph/ids.ts";
import { seedDirectory } from "../graph/seed-directory.ts";
import type { Store, TenantState } from "../store/store.ts";
import type { TenantConnection } from "./demo-seed.ts";

/** The demo Azure AD B2C tenant's domain: custom policies (trust framework) live only in such a tenant. */
export const B2C_DEMO_DOMAIN = "fabrikamb2c.onmicrosoft.com";
const B2C_APP = "ciamkit B2C management";

/** What the B2C management app may do: custom policies, policy keys (api-surface 9) and company branding. */
export const B2C_DEMO_APP_PERMISSIONS = [
  "Policy.ReadWrite.TrustFramework",
  "TrustFrameworkKeySet.ReadWrite.All",
  "Application.ReadWrite.All",
  "Organization.Read.All",
  "OrganizationalBranding.ReadWrite.All",
] as const;

function b2cIdentity(seed: number): { tenantId: string; clientSecret: string } {
  const ids = seededIds(`ciamkit-demo-b2c:${seed}`);
  return { tenantId: ids.uuid(), clientSecret: ids.secret(40) };
}

/**
 * Creates the small demo B2C tenant `fabrikamb2c` beside the external tenant: an organization, Graph's
 * service principal and one management app (client secret) granted {@link B2C_DEMO_APP_PERMISSIONS}.
 * Same seed, same ids and secret.
 */
export function seedB2cDemoTenant(store: Store, seed: number): TenantState {
  const who = b2cIdentity(seed);
  const created = new Date(Date.UTC(2026, 0, 1));
  const tenant = store.putTenant({
    id: who.tenantId,
    kind: "b2c",
    displayName: "Fabrikam B2C",
    subdomain: "fabrikamb2c",
    defaultDomain: B2C_DEMO_DOMAIN,
    createdDateTime: created.toISOString(),
  });
  seedDirectory(tenant, {
    seed: `ciamkit-demo-b2c-directory:${seed}`,
    now: created,
    apps: [{ displayName: B2C_APP, graphPermissions: B2C_DEMO_APP_PERMISSIONS, secret: who.clientSecret }],
  });
  return tenant;
}

/** How a client reaches the demo B2C tenant of a running emulator (undefined when it was not seeded). */
export function b2cDemoConnection(
  store: Store,
  loginOrigin: string,
  seed = 1,
):
  | Pick<
      TenantConnection,
      "tenantId" | "domain" | "subdomain" | "authority" | "knownAuthorities" | "clientId" | "clientSecret"
    >
  | undefined {
  const who = b2cIdentity(seed);
  const tenant = store.tenant(who.tenantId);
  if (tenant === undefined) return undefined;
  const app = [...tenant.collection("applications").values()].find((a) => a.displayName === B2C_APP);
  return {
    tenantId: tenant.info.id,
    domain: tenant.info.defaultDomain,
    subdomain: tenant.info.subdomain,
    authority: `${loginOrigin}/${tenant.info.id}`,
    knownAuthorities: [new URL(loginOrigin).host],
    clientId: String(app?.appId ?? ""),
    clientSecret: who.clientSecret,
  };
}
