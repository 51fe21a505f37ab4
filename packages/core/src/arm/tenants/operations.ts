import type { Operation } from "../../operations/define-operation.ts";
import { checkTenantNameOperation } from "./check-tenant-name.ts";
import { createTenantOperation } from "./create-tenant.ts";
import { deleteTenantOperation } from "./delete-tenant.ts";
import { getTenantOperation } from "./get-tenant.ts";
import { getTenantCreateStatusOperation } from "./get-tenant-create-status.ts";
import { listTenantsOperation } from "./list-tenants.ts";
import { updateTenantOperation } from "./update-tenant.ts";
import { waitTenantCreateOperation } from "./wait-tenant-create.ts";

/** The operations of the tenants area in catalog order (the registry joins the areas' lists). */
export const tenantsOperations: readonly Operation[] = [
  checkTenantNameOperation,
  createTenantOperation,
  getTenantCreateStatusOperation,
  waitTenantCreateOperation,
  getTenantOperation,
  listTenantsOperation,
  updateTenantOperation,
  deleteTenantOperation,
];
