/** The operation catalog: every operation once, in a stable order; MCP tools and CLI commands are generated from it. */

import { checkTenantNameOperation } from "../arm/tenants/check-tenant-name.ts";
import { createTenantOperation } from "../arm/tenants/create-tenant.ts";
import { deleteTenantOperation } from "../arm/tenants/delete-tenant.ts";
import { getTenantOperation } from "../arm/tenants/get-tenant.ts";
import { getTenantCreateStatusOperation } from "../arm/tenants/get-tenant-create-status.ts";
import { listTenantsOperation } from "../arm/tenants/list-tenants.ts";
import { updateTenantOperation } from "../arm/tenants/update-tenant.ts";
import { waitTenantCreateOperation } from "../arm/tenants/wait-tenant-create.ts";
import { exportUsersOperation } from "../bulk/user-export-operation.ts";
import { importUsersOperation } from "../bulk/user-import-operation.ts";
import { addCertificateOperation } from "../graph/applications/add-certificate.ts";
import { addPasswordOperation } from "../graph/applications/add-password.ts";
import { createApplicationOperation } from "../graph/applications/create-application.ts";
import { deleteApplicationOperation } from "../graph/applications/delete-application.ts";
import { getApplicationOperation } from "../graph/applications/get-application.ts";
import { listApplicationsOperation } from "../graph/applications/list-applications.ts";
import { removePasswordOperation } from "../graph/applications/remove-password.ts";
import { listDirectoryAuditsOperation } from "../graph/audit-logs/list-directory-audits.ts";
import { listSignInsOperation } from "../graph/audit-logs/list-sign-ins.ts";
import { addMembersOperation } from "../graph/groups/add-members.ts";
import { createGroupOperation } from "../graph/groups/create-group.ts";
import { deleteGroupOperation } from "../graph/groups/delete-group.ts";
import { getGroupOperation } from "../graph/groups/get-group.ts";
import { listGroupsOperation } from "../graph/groups/list-groups.ts";
import { listMembersOperation } from "../graph/groups/list-members.ts";
import { removeMemberOperation } from "../graph/groups/remove-member.ts";
import { updateGroupOperation } from "../graph/groups/update-group.ts";
import { getOrganizationOperation } from "../graph/organization/get-organization.ts";
import { createServicePrincipalOperation } from "../graph/service-principals/create-service-principal.ts";
import { getServicePrincipalOperation } from "../graph/service-principals/get-service-principal.ts";
import { grantPermissionOperation } from "../graph/service-principals/grant-permission.ts";
import { listGrantsOperation } from "../graph/service-principals/list-grants.ts";
import { revokePermissionOperation } from "../graph/service-principals/revoke-permission.ts";
import { createUserOperation } from "../graph/users/create-user.ts";
import { deleteUserOperation } from "../graph/users/delete-user.ts";
import { findUserOperation } from "../graph/users/find-user.ts";
import { getUserOperation } from "../graph/users/get-user.ts";
import { listUsersOperation } from "../graph/users/list-users.ts";
import { updateUserOperation } from "../graph/users/update-user.ts";
import type { Operation } from "./define-operation.ts";

/** Every operation of the catalog. */
export const operations: readonly Operation[] = [
  getOrganizationOperation,
  listUsersOperation,
  getUserOperation,
  findUserOperation,
  createUserOperation,
  updateUserOperation,
  deleteUserOperation,
  importUsersOperation,
  exportUsersOperation,
  listGroupsOperation,
  getGroupOperation,
  createGroupOperation,
  updateGroupOperation,
  deleteGroupOperation,
  listMembersOperation,
  addMembersOperation,
  removeMemberOperation,
  listApplicationsOperation,
  getApplicationOperation,
  createApplicationOperation,
  deleteApplicationOperation,
  addPasswordOperation,
  removePasswordOperation,
  addCertificateOperation,
  grantPermissionOperation,
  revokePermissionOperation,
  listGrantsOperation,
  createServicePrincipalOperation,
  getServicePrincipalOperation,
  listDirectoryAuditsOperation,
  listSignInsOperation,
  checkTenantNameOperation,
  createTenantOperation,
  getTenantCreateStatusOperation,
  waitTenantCreateOperation,
  getTenantOperation,
  listTenantsOperation,
  updateTenantOperation,
  deleteTenantOperation,
];

const byName = new Map(operations.map((op) => [op.name, op]));

/** The operation with this name, or `undefined`. */
export function getOperation(name: string): Operation | undefined {
  return byName.get(name);
}

/** The operations of one area (toolset / command group), in catalog order. */
export function operationsByArea(area: string): Operation[] {
  return operations.filter((op) => op.area === area);
}

/** The areas of the catalog, in order of first appearance. */
export function operationAreas(): string[] {
  return [...new Set(operations.map((op) => op.area))];
}
