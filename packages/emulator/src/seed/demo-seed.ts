import { X509Certificate } from "node:crypto";
import { newKeyCredential } from "../graph/entities/application.ts";
import { seededIds } from "../graph/ids.ts";
import { seedDirectory } from "../graph/seed-directory.ts";
import type { CertificateAndKey } from "../server/tls.ts";
import type { JsonObject } from "../store/json.ts";
import type { Store, TenantState } from "../store/store.ts";
import { seedWorkforceTenant } from "./workforce-seed.ts";

/** Display names of the demo tenant's applications; clients find them by these. */
export const DEMO_MANAGEMENT_APP = "ciamkit management";
/** Display name of the demo tenant's public client (device code). */
export const DEMO_CLI_APP = "ciamkit CLI";
const DEMO_CERT_NAME = "CN=ciamkit management (emulator demo certificate)";

/** The application permissions the management app holds: the seed document's, plus ciamkit's operations'. */
export const DEMO_APP_PERMISSIONS = [
  "User.ReadWrite.All",
  "Group.ReadWrite.All",
  "AuditLog.Read.All",
  "Policy.ReadWrite.TrustFramework",
  "Application.ReadWrite.All",
  "AppRoleAssignment.ReadWrite.All",
  "Organization.Read.All",
  "EventListener.ReadWrite.All",
  "IdentityUserFlow.ReadWrite.All",
  "IdentityProvider.ReadWrite.All",
  "OrganizationalBranding.ReadWrite.All",
  "CustomAuthenticationExtension.ReadWrite.All",
  "UserAuthenticationMethod.ReadWrite.All",
  "DelegatedPermissionGrant.ReadWrite.All",
  "Policy.ReadWrite.AuthenticationMethod",
  "Policy.ReadWrite.ConditionalAccess",
  "Policy.Read.All",
  "Domain.ReadWrite.All",
] as const;

/** Delegated scopes admin-consented for the CLI's device code sign-in. */
export const DEMO_CLI_SCOPES = [
  "openid",
  "profile",
  "offline_access",
  "User.Read",
  ...DEMO_APP_PERMISSIONS,
  // Delegated only: Graph offers no application permission for fraud protection providers.
  "RiskPreventionProviders.ReadWrite.All",
];

/** The demo tenant's deterministic id and secrets for a seed number. */
export function demoIdentity(seed: number): {
  tenantId: string;
  clientSecret: string;
  adminPassword: string;
  customerPassword: string;
} {
  const ids = seededIds(`ciamkit-demo:${seed}`);
  return {
    tenantId: ids.uuid(),
    clientSecret: ids.secret(40),
    adminPassword: `Adm1n!${ids.secret(14)}`,
    customerPassword: `Cust0mer!${ids.secret(10)}`,
  };
}

/**
 * Creates the demo external tenant `contoso` (seed document of the issue): organization, Microsoft
 * Graph's service principal, the "ciamkit management" app (client secret + certificate, granted
 * {@link DEMO_APP_PERMISSIONS}), the public "ciamkit CLI" app (admin consent for delegated use),
 * an admin, customers with email identities and a group. Same seed, same ids and secrets.
 */
export function seedDemoTenant(store: Store, seed: number, certificate: CertificateAndKey): TenantState {
  const who = demoIdentity(seed);
  const created = new Date(Date.UTC(2026, 0, 1));
  const tenant = store.putTenant({
    id: who.tenantId,
    kind: "external",
    displayName: "Contoso",
    subdomain: "contoso",
    defaultDomain: "contoso.onmicrosoft.com",
    createdDateTime: created.toISOString(),
  });
  const customers = [
    ["Ada Lovelace", "ada@example.com", "Ada", "Lovelace"],
    ["Grace Hopper", "grace@example.com", "Grace", "Hopper"],
    ["Alan Turing", "alan@example.com", "Alan", "Turing"],
  ] as const;
  seedDirectory(tenant, {
    seed: `ciamkit-demo-directory:${seed}`,
    now: created,
    apps: [
      { displayName: DEMO_MANAGEMENT_APP, graphPermissions: DEMO_APP_PERMISSIONS, secret: who.clientSecret },
      { displayName: DEMO_CLI_APP, publicClient: true, delegatedScopes: DEMO_CLI_SCOPES },
    ],
    users: [
      {
        displayName: "Contoso Admin",
        userPrincipalName: "admin@contoso.onmicrosoft.com",
        password: who.adminPassword,
        givenName: "Contoso",
        surname: "Admin",
      },
      ...customers.map(([displayName, email, givenName, surname]) => ({
        displayName,
        email,
        givenName,
        surname,
        password: who.customerPassword,
      })),
    ],
    groups: [
      {
        displayName: "Beta testers",
        description: "Customers who try new features first",
        members: customers.slice(0, 2).map(([, email]) => email),
      },
    ],
  });
  installDemoCertificate(tenant, certificate, created);
  seedWorkforceTenant(store, seed);
  return tenant;
}

/**
 * Puts this run's demo certificate on the management app, replacing the previous run's: its private
 * key lives only in memory, so a restarted emulator registers a fresh one instead of storing it.
 */
export function installDemoCertificate(tenant: TenantState, certificate: CertificateAndKey, now: Date): void {
  const apps = tenant.collection("applications");
  const app = [...apps.values()].find((a) => a.displayName === DEMO_MANAGEMENT_APP);
  if (app === undefined) return;
  const x509 = new X509Certificate(certificate.cert);
  const credential = newKeyCredential(
    {
      type: "AsymmetricX509Cert",
      usage: "Verify",
      key: x509.raw.toString("base64"),
      displayName: DEMO_CERT_NAME,
      startDateTime: new Date(x509.validFrom).toISOString(),
      endDateTime: new Date(x509.validTo).toISOString(),
    },
    now,
  );
  const kept = (Array.isArray(app.keyCredentials) ? app.keyCredentials : []).filter(
    (k) => (k as JsonObject).displayName !== DEMO_CERT_NAME,
  );
  apps.put(String(app.id), { ...app, keyCredentials: [...kept, credential] });
}

/** How a client connects to one tenant, as `startEmulator` reports it. */
export interface TenantConnection {
  tenantId: string;
  domain: string;
  subdomain: string;
  /** `https://127.0.0.1:LOGINPORT/{tenantId}`: MSAL's `authority`. */
  authority: string;
  /** MSAL's `knownAuthorities`: `["127.0.0.1:LOGINPORT"]`. */
  knownAuthorities: string[];
  /** The management app's client id (client credentials). */
  clientId: string;
  clientSecret: string;
  /** A certificate registered on the management app, with its private key (PEM), for client assertions. */
  certificate?: { cert: string; key: string; thumbprintSha256: string; thumbprint: string };
  /** The admin who can approve device code sign-ins. */
  adminUser?: { userPrincipalName: string; password: string };
  /** The public client for the device code flow. */
  publicClientId: string;
}

/** Describes the demo tenant for clients, from what the store holds now. */
export function demoConnection(
  tenant: TenantState,
  seed: number,
  loginOrigin: string,
  certificate: CertificateAndKey | undefined,
): TenantConnection {
  const who = demoIdentity(seed);
  const apps = [...tenant.collection("applications").values()];
  const appId = (name: string) => String(apps.find((a) => a.displayName === name)?.appId ?? "");
  const connection: TenantConnection = {
    tenantId: tenant.info.id,
    domain: tenant.info.defaultDomain,
    subdomain: tenant.info.subdomain,
    authority: `${loginOrigin}/${tenant.info.id}`,
    knownAuthorities: [new URL(loginOrigin).host],
    clientId: appId(DEMO_MANAGEMENT_APP),
    clientSecret: who.clientSecret,
    adminUser: { userPrincipalName: "admin@contoso.onmicrosoft.com", password: who.adminPassword },
    publicClientId: appId(DEMO_CLI_APP),
  };
  if (certificate !== undefined) {
    const x509 = new X509Certificate(certificate.cert);
    connection.certificate = {
      cert: certificate.cert,
      key: certificate.key,
      thumbprintSha256: x509.fingerprint256.replaceAll(":", "").toLowerCase(),
      thumbprint: x509.fingerprint.replaceAll(":", "").toLowerCase(),
    };
  }
  return connection;
}
