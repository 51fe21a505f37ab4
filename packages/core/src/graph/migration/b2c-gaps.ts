/**
 * Features of Azure AD B2C that External ID has no equivalent for, as Microsoft documents them: each
 * reported by `migration_inventory` when the tenant uses it, with what to do instead and the source.
 */
import type { Inventory } from "./inventory-schema.ts";

type Gap = Inventory["gaps"][number];

const FEATURES =
  "https://learn.microsoft.com/entra/external-id/customers/concept-supported-features-customers";
const MIGRATION = "https://learn.microsoft.com/entra/external-id/customers/how-to-migrate-users";

/** The gaps of this inventory (without `gaps`), in a fixed order. */
export function gapsOf(inventory: Omit<Inventory, "gaps">): Gap[] {
  const gaps: Gap[] = [];
  const policies = inventory.customPolicies;
  if (policies.length > 0) {
    gaps.push({
      feature: `Custom policies (Identity Experience Framework): ${policies.length} policies, ${policies.reduce((n, p) => n + p.orchestrationSteps, 0)} orchestration steps`,
      advice:
        "External ID has no custom policies: rebuild each journey as a user flow, with custom authentication extensions for the steps a flow lacks.",
      source: FEATURES,
    });
  }
  const rest = policies.reduce((n, p) => n + (p.technicalProfiles.Proprietary ?? 0), 0);
  if (rest > 0) {
    gaps.push({
      feature: `Proprietary technical profiles (REST API calls, claims transformations): ${rest}`,
      advice:
        "Custom authentication extensions run only on their events (token issuance, attribute collection, OTP send, password submit); move other calls into your app or API.",
      source: FEATURES,
    });
  }
  const phone = inventory.users.bySignInType.phoneNumber ?? 0;
  if (phone > 0) {
    gaps.push({
      feature: `Phone number sign-in: ${phone} users`,
      advice:
        "External ID uses SMS for MFA, not as a sign-in identifier: give these users an e-mail identity before they move.",
      source: FEATURES,
    });
  }
  if (inventory.users.localAccounts > 0) {
    gaps.push({
      feature: `Password hashes cannot be exported: ${inventory.users.localAccounts} local accounts`,
      advice:
        "Copy the users with RequiresMigration=true and a random password (migration_users), then migrate passwords at first sign-in (migration_jit_setup).",
      source: MIGRATION,
    });
  }
  return gaps;
}
