import { Store, type TenantState } from "../../src/store/store.ts";

/** A fresh store with one external tenant, `contoso`. */
export function newTenant(id = "11111111-1111-4111-8111-111111111111"): {
  store: Store;
  tenant: TenantState;
} {
  const store = new Store();
  const tenant = store.putTenant({
    id,
    kind: "external",
    displayName: "Contoso",
    subdomain: "contoso",
    defaultDomain: "contoso.onmicrosoft.com",
    createdDateTime: "2026-01-01T00:00:00Z",
  });
  return { store, tenant };
}
