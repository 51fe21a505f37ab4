import { z } from "zod";

const count = z.number().int();

/** What `migration_inventory` reports about a B2C tenant. */
export const inventorySchema = z.object({
  tenantId: z.string(),
  users: z.object({
    total: count,
    bySignInType: z
      .record(z.string(), count)
      .describe("Users per local identity: emailAddress, userName, phoneNumber."),
    federatedByIssuer: z.record(z.string(), count).describe("Users per social issuer (facebook.com, …)."),
    localAccounts: count.describe("Users with a password: migrated just in time."),
    socialOnly: count.describe("Users with social identities only: no password to migrate."),
  }),
  customAttributes: z.array(
    z.object({
      name: z.string(),
      dataType: z.string().nullish(),
      property: z.string().describe("extension_<appId>_<Name> on users."),
      usersWithValue: count,
    }),
  ),
  identityProviders: z.array(
    z.object({ id: z.string(), type: z.string(), displayName: z.string().nullish() }),
  ),
  customPolicies: z.array(
    z.object({
      id: z.string(),
      orchestrationSteps: count,
      technicalProfiles: z.record(z.string(), count).describe("By protocol: OpenIdConnect, SAML2, …"),
    }),
  ),
  apps: z.array(
    z.object({
      appId: z.string().nullish(),
      displayName: z.string().nullish(),
      redirectUris: z.array(z.string()),
    }),
  ),
  extensionsAppId: z.string().nullable().describe("The b2c-extensions-app (holds the custom attributes)."),
  gaps: z.array(z.object({ feature: z.string(), advice: z.string(), source: z.string() })),
});

/** The inventory of a B2C tenant. */
export type Inventory = z.infer<typeof inventorySchema>;
