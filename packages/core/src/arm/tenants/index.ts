// The public names of the tenants area (external tenants, ARM `ciamDirectories`); core's src/index.ts re-
// exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { checkTenantNameOperation } from "./check-tenant-name.ts";
export { createTenantOperation } from "./create-tenant.ts";
export { deleteTenantOperation } from "./delete-tenant.ts";
export { getTenantOperation } from "./get-tenant.ts";
export { getTenantCreateStatusOperation } from "./get-tenant-create-status.ts";
export { listTenantsOperation } from "./list-tenants.ts";
export type { Tenant } from "./tenant-schema.ts";
export { CIAM_DIRECTORY_TYPE } from "./tenant-schema.ts";
export type { NameAvailability, StartedCreate, TenantAddress } from "./tenants-client.ts";
export { TENANT_ACTIONS, TENANTS_API_VERSION } from "./tenants-client.ts";
export { updateTenantOperation } from "./update-tenant.ts";
export { waitTenantCreateOperation } from "./wait-tenant-create.ts";
