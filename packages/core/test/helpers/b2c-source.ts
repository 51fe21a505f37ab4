import { randomUUID } from "node:crypto";
import { seedDirectory } from "@ciamkit/emulator";
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import type { AdditionalPolicy, CiamClient } from "../../src/client.ts";
import { createCiamClient } from "../../src/client.ts";
import type { CoreEmulator } from "./emulator.ts";

/** The users of {@link b2cSourceTenant}, by kind. */
export const SOURCE_USERS = { email: 6, userName: 3, social: 2, emailAndSocial: 1, directory: 1 } as const;

/**
 * A new B2C tenant in the emulator holding customers of every kind: local e-mail and username accounts
 * with custom attributes (LoyaltyTier string, Vip boolean), social-only and mixed accounts, and one
 * directory account (UPN only) that a migration must refuse. Returns a client of its management app.
 */
export async function b2cSourceTenant(e: CoreEmulator, name: string): Promise<CiamClient> {
  const tenant = e.emu.store.putTenant({
    id: randomUUID(),
    kind: "b2c",
    displayName: name,
    subdomain: name,
    defaultDomain: `${name}.onmicrosoft.com`,
    createdDateTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  });
  const app = seedDirectory(tenant, {
    seed: name,
    apps: [
      {
        displayName: "management",
        graphPermissions: ["User.ReadWrite.All", "IdentityUserFlow.ReadWrite.All", "Organization.Read.All"],
      },
    ],
  }).apps[0];
  if (app?.secret == null) throw new Error("the app got no secret");
  const client = targetClient(e, tenant.info.id, app.appId, app.secret);
  const tier = await client.graph.post<{ id: string }>("/identity/userFlowAttributes", {
    displayName: "LoyaltyTier",
    dataType: "string",
  });
  const vip = await client.graph.post<{ id: string }>("/identity/userFlowAttributes", {
    displayName: "Vip",
    dataType: "boolean",
  });
  const domain = `${name}.onmicrosoft.com`;
  const password = { password: "Old-passw0rd!", forceChangePasswordNextSignIn: false };
  const local = (type: string, id: string) => ({ signInType: type, issuer: domain, issuerAssignedId: id });
  const social = (id: string) => ({ signInType: "federated", issuer: "facebook.com", issuerAssignedId: id });
  const users: Record<string, unknown>[] = [];
  for (let i = 1; i <= SOURCE_USERS.email; i++)
    users.push({
      displayName: `Email ${i}`,
      givenName: `Given${i}`,
      identities: [local("emailAddress", `email${i}@example.com`)],
      passwordProfile: password,
      [tier.id]: i % 2 === 0 ? "gold" : "silver",
      ...(i === 1 ? { [vip.id]: true } : {}),
    });
  for (let i = 1; i <= SOURCE_USERS.userName; i++)
    users.push({
      displayName: `User ${i}`,
      identities: [local("userName", `user${i}`)],
      passwordProfile: password,
    });
  for (let i = 1; i <= SOURCE_USERS.social; i++)
    users.push({ displayName: `Social ${i}`, identities: [social(`fb-${i}`)] });
  users.push({
    displayName: "Both",
    identities: [local("emailAddress", "both@example.com"), social("fb-both")],
    passwordProfile: password,
  });
  users.push({
    displayName: "Admin",
    accountEnabled: true,
    mailNickname: "admin",
    userPrincipalName: `admin@${domain}`,
    passwordProfile: password,
  });
  for (const user of users) await client.graph.post("/users", user);
  return client;
}

/** A client of an app of the emulator's tenant `tenantId`, with extra pipeline policies. */
export function targetClient(
  e: CoreEmulator,
  tenantId: string,
  clientId: string,
  clientSecret: string,
  policies: readonly AdditionalPolicy[] = [],
): CiamClient {
  return createCiamClient({
    credential: clientSecretCredential({ tenantId, clientId, clientSecret, cloud: e.cloud }),
    tenantId,
    cloud: e.cloud,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    policies,
  });
}
