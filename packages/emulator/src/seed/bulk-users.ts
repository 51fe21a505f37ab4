import { newUser } from "../graph/entities/user.ts";
import { seededIds } from "../graph/ids.ts";
import type { TenantState } from "../store/store.ts";

/**
 * Adds `count` customer accounts (local accounts with an email identity, no password) to a tenant,
 * deterministic for a seed: for load tests and benchmarks that need a big directory quickly.
 * Returns the ids created.
 */
export function seedBulkUsers(tenant: TenantState, count: number, seed: number): string[] {
  const ids = seededIds(`ciamkit-bulk:${tenant.info.id}:${seed}:${tenant.collection("users").size}`);
  const users = tenant.collection("users");
  const now = new Date();
  const created: string[] = [];
  const offset = users.size;
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const email = `customer${n}@example.com`;
    const user = newUser(
      tenant.info,
      {
        displayName: `Customer ${n}`,
        givenName: "Customer",
        surname: String(n),
        mail: email,
        identities: [
          { signInType: "emailAddress", issuer: tenant.info.defaultDomain, issuerAssignedId: email },
        ],
        passwordPolicies: "DisablePasswordExpiration",
      },
      now,
      ids,
    );
    users.put(user.id as string, user);
    created.push(user.id as string);
  }
  return created;
}
