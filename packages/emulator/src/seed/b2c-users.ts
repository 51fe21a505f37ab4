import { newUser } from "../graph/entities/user.ts";
import { newCustomAttribute } from "../graph/entities/user-flow-attribute.ts";
import { seededIds } from "../graph/ids.ts";
import { tenantExtensionsAppId } from "../graph/routes/identity-lookup.ts";
import { userIndex } from "../graph/routes/user-index.ts";
import { COLLECTIONS } from "../store/collection-names.ts";
import type { JsonObject } from "../store/json.ts";
import { hashSecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";

/** Options of {@link seedB2cUsers}. */
export interface B2cUserSeedOptions {
  /** How many users (default 1,000). */
  count?: number;
  /** Same seed, same ids and passwords (default 1). */
  seed?: number;
  /** Every n-th user is social-only (facebook.com / google.com, no password); default 10, 0 for none. */
  socialEvery?: number;
}

/** One seeded user and how it signs in. */
export interface SeededB2cUser {
  id: string;
  displayName: string;
  /** `emailAddress` or `userName` local account, or `federated` (social only). */
  kind: "emailAddress" | "userName" | "federated";
  /** The sign-in name of a local account (email or user name); null for social-only users. */
  signInName: string | null;
  /** The known password of a local account; null for social-only users. */
  password: string | null;
  /** The social issuer (facebook.com, google.com) when the user has one. */
  socialIssuer: string | null;
  /** Custom attributes set on the user, by extension property name. */
  attributes: Readonly<Record<string, string | boolean | number>>;
}

/** What {@link seedB2cUsers} made. */
export interface SeededB2cUsers {
  /** The b2c-extensions-app's client id (its appId without dashes names the custom attributes). */
  extensionsAppId: string;
  /** The custom attributes' extension property names, by display name. */
  attributes: { LoyaltyNumber: string; Newsletter: string; MemberSince: string };
  users: SeededB2cUser[];
}

const SOCIAL = ["facebook.com", "google.com"] as const;

/**
 * Fills a B2C tenant with `count` customers whose passwords are known, written straight to the store
 * (no HTTP: 1,000 users take under a second): local e-mail accounts, local user-name accounts,
 * some social-only users and a few local users with a social identity too, and custom attributes
 * (string, boolean, int64, registered as user-flow attributes on the b2c-extensions-app) set on
 * some of them. Passwords are stored as the emulator stores every password (a salted hash).
 */
export function seedB2cUsers(tenant: TenantState, options: B2cUserSeedOptions = {}): SeededB2cUsers {
  const count = options.count ?? 1000;
  const seed = options.seed ?? 1;
  const socialEvery = options.socialEvery ?? 10;
  const now = new Date(Date.UTC(2025, 0, 1));
  const info = tenant.info;
  const extensionsAppId = tenantExtensionsAppId(tenant, now);
  const attributeCollection = tenant.collection(COLLECTIONS.userFlowAttributes);
  const attribute = (displayName: string, dataType: string): string => {
    const record = newCustomAttribute(
      { displayName, dataType, description: `Seeded ${displayName}` },
      extensionsAppId,
    );
    if (!attributeCollection.has(String(record.id))) attributeCollection.put(String(record.id), record);
    return String(record.id);
  };
  const attributes = {
    LoyaltyNumber: attribute("LoyaltyNumber", "string"),
    Newsletter: attribute("Newsletter", "boolean"),
    MemberSince: attribute("MemberSince", "int64"),
  };
  const ids = seededIds(`ciamkit-b2c-users:${seed}:${info.id}`);
  const users = tenant.collection(COLLECTIONS.users);
  const passwords = tenant.collection(COLLECTIONS.userPasswords);
  const index = userIndex(users);
  const out: SeededB2cUser[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(5, "0");
    const social = socialEvery > 0 && i % socialEvery === socialEvery - 1;
    const kind: SeededB2cUser["kind"] = social ? "federated" : i % 3 === 2 ? "userName" : "emailAddress";
    const socialIssuer = social || i % 25 === 0 ? (SOCIAL[i % 2] as string) : null;
    const signInName =
      kind === "federated" ? null : kind === "userName" ? `customer${n}` : `customer${n}@example.com`;
    const password = kind === "federated" ? null : `Seed-${seed}-${n}-${ids.secret(8)}!a1`;
    const identities: JsonObject[] = [];
    if (signInName !== null)
      identities.push({ signInType: kind, issuer: info.defaultDomain, issuerAssignedId: signInName });
    if (socialIssuer !== null)
      identities.push({
        signInType: "federated",
        issuer: socialIssuer,
        issuerAssignedId: `${socialIssuer}-${seed}-${n}`,
      });
    const set: Record<string, string | boolean | number> = {};
    if (i % 3 === 0) set[attributes.LoyaltyNumber] = `L${n}`;
    if (i % 4 === 0) set[attributes.Newsletter] = i % 8 === 0;
    if (i % 5 === 0) set[attributes.MemberSince] = 2000 + (i % 25);
    const displayName = `Customer ${n}`;
    const body: JsonObject = {
      displayName,
      givenName: "Customer",
      surname: n,
      identities,
      ...(kind === "emailAddress" ? { mail: signInName } : {}),
      ...(password === null ? {} : { passwordProfile: { forceChangePasswordNextSignIn: false } }),
      passwordPolicies: "DisablePasswordExpiration",
    };
    const user = { ...newUser(info, body, now, ids), ...set };
    users.put(String(user.id), user);
    index.add(user);
    if (password !== null) passwords.put(String(user.id), { ...hashSecret(password) });
    out.push({ id: String(user.id), displayName, kind, signInName, password, socialIssuer, attributes: set });
  }
  return { extensionsAppId, attributes, users: out };
}
