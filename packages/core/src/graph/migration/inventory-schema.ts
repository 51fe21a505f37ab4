import { z } from "zod";

const count = z.number().int();

/** What `migration_inventory` reports about a B2C tenant. */
export const inventorySchema = z.object({
  tenantId: z.string(),
  users: z.object({
    total: count,
    bySignInType: z.record(z.string(), count),
    federatedByIssuer: z.record(z.string(), count),
    localAccounts: count,
    socialOnly: count,
  }),
  customAttributes: z.array(
    z.object({
      name: z.string(),
      dataType: z.string().nullish(),
      property: z.string(),
      usersWithValue: count,
    }),
  ),
  identityProviders: z.array(z.object({ id: z.string(), type: z.string() })),
  customPolicies: z.array(
    z.object({
      id: z.string(),
      orchestrationSteps: count,
      technicalProfiles: z.record(z.string(), count),
    }),
  ),
  apps: z.array(
    z.object({
      appId: z.string().nullish(),
      displayName: z.string().nullish(),
      redirectUris: z.array(z.string()),
    }),
  ),
  extensionsAppId: z.string().nullable(),
  gaps: z.array(z.object({ feature: z.string(), advice: z.string(), source: z.string() })),
});

/** The inventory of a B2C tenant. */
export type Inventory = z.infer<typeof inventorySchema>;
