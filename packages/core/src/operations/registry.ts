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
import { applyBrandingOperation } from "../graph/branding/apply-branding.ts";
import { createLocalizationOperation } from "../graph/branding/create-localization.ts";
import { deleteBrandingOperation } from "../graph/branding/delete-branding.ts";
import { deleteLocalizationOperation } from "../graph/branding/delete-localization.ts";
import { getBrandingOperation } from "../graph/branding/get-branding.ts";
import { getBrandingFileOperation } from "../graph/branding/get-branding-file.ts";
import { getLocalizationOperation } from "../graph/branding/get-localization.ts";
import { listLocalizationsOperation } from "../graph/branding/list-localizations.ts";
import { removeBrandingFileOperation } from "../graph/branding/remove-branding-file.ts";
import { setBrandingFileOperation } from "../graph/branding/set-branding-file.ts";
import { updateBrandingOperation } from "../graph/branding/update-branding.ts";
import { updateLocalizationOperation } from "../graph/branding/update-localization.ts";
import { createCustomExtensionOperation } from "../graph/custom-extensions/create-custom-extension.ts";
import { deleteCustomExtensionOperation } from "../graph/custom-extensions/delete-custom-extension.ts";
import { getCustomExtensionOperation } from "../graph/custom-extensions/get-custom-extension.ts";
import { listCustomExtensionsOperation } from "../graph/custom-extensions/list-custom-extensions.ts";
import { updateCustomExtensionOperation } from "../graph/custom-extensions/update-custom-extension.ts";
import { validateCustomExtensionOperation } from "../graph/custom-extensions/validate-custom-extension.ts";
import { wireCustomExtensionOperation } from "../graph/custom-extensions/wire-custom-extension.ts";
import { createEventListenerOperation } from "../graph/event-listeners/create-event-listener.ts";
import { deleteEventListenerOperation } from "../graph/event-listeners/delete-event-listener.ts";
import { getEventListenerOperation } from "../graph/event-listeners/get-event-listener.ts";
import { listEventListenersOperation } from "../graph/event-listeners/list-event-listeners.ts";
import { updateEventListenerOperation } from "../graph/event-listeners/update-event-listener.ts";
import { addMembersOperation } from "../graph/groups/add-members.ts";
import { createGroupOperation } from "../graph/groups/create-group.ts";
import { deleteGroupOperation } from "../graph/groups/delete-group.ts";
import { getGroupOperation } from "../graph/groups/get-group.ts";
import { listGroupsOperation } from "../graph/groups/list-groups.ts";
import { listMembersOperation } from "../graph/groups/list-members.ts";
import { removeMemberOperation } from "../graph/groups/remove-member.ts";
import { updateGroupOperation } from "../graph/groups/update-group.ts";
import { createIdentityProviderOperation } from "../graph/identity-providers/create-identity-provider.ts";
import { deleteIdentityProviderOperation } from "../graph/identity-providers/delete-identity-provider.ts";
import { getIdentityProviderOperation } from "../graph/identity-providers/get-identity-provider.ts";
import { identityProviderTypesOperation } from "../graph/identity-providers/identity-provider-types.ts";
import { listIdentityProvidersOperation } from "../graph/identity-providers/list-identity-providers.ts";
import { updateIdentityProviderOperation } from "../graph/identity-providers/update-identity-provider.ts";
import { getOrganizationOperation } from "../graph/organization/get-organization.ts";
import { createServicePrincipalOperation } from "../graph/service-principals/create-service-principal.ts";
import { getServicePrincipalOperation } from "../graph/service-principals/get-service-principal.ts";
import { grantPermissionOperation } from "../graph/service-principals/grant-permission.ts";
import { listGrantsOperation } from "../graph/service-principals/list-grants.ts";
import { revokePermissionOperation } from "../graph/service-principals/revoke-permission.ts";
import { createKeySetOperation } from "../graph/trust-framework/create-keyset.ts";
import { deleteKeySetOperation } from "../graph/trust-framework/delete-keyset.ts";
import { deletePolicyOperation } from "../graph/trust-framework/delete-policy.ts";
import { generateKeyOperation } from "../graph/trust-framework/generate-key.ts";
import { getActiveKeyOperation } from "../graph/trust-framework/get-active-key.ts";
import { getKeySetOperation } from "../graph/trust-framework/get-keyset.ts";
import { getPolicyOperation } from "../graph/trust-framework/get-policy.ts";
import { listKeySetsOperation } from "../graph/trust-framework/list-keysets.ts";
import { listPoliciesOperation } from "../graph/trust-framework/list-policies.ts";
import { uploadCertificateOperation } from "../graph/trust-framework/upload-certificate.ts";
import { uploadPfxOperation } from "../graph/trust-framework/upload-pfx.ts";
import { uploadPolicyOperation } from "../graph/trust-framework/upload-policy.ts";
import { uploadSecretOperation } from "../graph/trust-framework/upload-secret.ts";
import { createUserFlowAttributeOperation } from "../graph/user-flow-attributes/create-user-flow-attribute.ts";
import { deleteUserFlowAttributeOperation } from "../graph/user-flow-attributes/delete-user-flow-attribute.ts";
import { getUserFlowAttributeOperation } from "../graph/user-flow-attributes/get-user-flow-attribute.ts";
import { listUserFlowAttributesOperation } from "../graph/user-flow-attributes/list-user-flow-attributes.ts";
import { updateUserFlowAttributeOperation } from "../graph/user-flow-attributes/update-user-flow-attribute.ts";
import { addFlowAppOperation } from "../graph/user-flows/add-flow-app.ts";
import { addFlowAttributeOperation } from "../graph/user-flows/add-flow-attribute.ts";
import { addFlowIdpOperation } from "../graph/user-flows/add-flow-idp.ts";
import { createUserFlowOperation } from "../graph/user-flows/create-user-flow.ts";
import { deleteUserFlowOperation } from "../graph/user-flows/delete-user-flow.ts";
import { findUserFlowByAppOperation } from "../graph/user-flows/find-user-flow-by-app.ts";
import { getUserFlowOperation } from "../graph/user-flows/get-user-flow.ts";
import { listFlowAppsOperation } from "../graph/user-flows/list-flow-apps.ts";
import { listFlowAttributesOperation } from "../graph/user-flows/list-flow-attributes.ts";
import { listFlowIdpsOperation } from "../graph/user-flows/list-flow-idps.ts";
import { listUserFlowsOperation } from "../graph/user-flows/list-user-flows.ts";
import { removeFlowAppOperation } from "../graph/user-flows/remove-flow-app.ts";
import { removeFlowAttributeOperation } from "../graph/user-flows/remove-flow-attribute.ts";
import { removeFlowIdpOperation } from "../graph/user-flows/remove-flow-idp.ts";
import { setupUserFlowOperation } from "../graph/user-flows/setup-user-flow.ts";
import { updateUserFlowOperation } from "../graph/user-flows/update-user-flow.ts";
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
  listUserFlowsOperation,
  getUserFlowOperation,
  findUserFlowByAppOperation,
  createUserFlowOperation,
  updateUserFlowOperation,
  deleteUserFlowOperation,
  listFlowAppsOperation,
  addFlowAppOperation,
  removeFlowAppOperation,
  listFlowIdpsOperation,
  addFlowIdpOperation,
  removeFlowIdpOperation,
  listFlowAttributesOperation,
  addFlowAttributeOperation,
  removeFlowAttributeOperation,
  setupUserFlowOperation,
  listUserFlowAttributesOperation,
  getUserFlowAttributeOperation,
  createUserFlowAttributeOperation,
  updateUserFlowAttributeOperation,
  deleteUserFlowAttributeOperation,
  listIdentityProvidersOperation,
  getIdentityProviderOperation,
  identityProviderTypesOperation,
  createIdentityProviderOperation,
  updateIdentityProviderOperation,
  deleteIdentityProviderOperation,
  getBrandingOperation,
  updateBrandingOperation,
  deleteBrandingOperation,
  listLocalizationsOperation,
  getLocalizationOperation,
  createLocalizationOperation,
  updateLocalizationOperation,
  deleteLocalizationOperation,
  getBrandingFileOperation,
  setBrandingFileOperation,
  removeBrandingFileOperation,
  applyBrandingOperation,
  listCustomExtensionsOperation,
  getCustomExtensionOperation,
  createCustomExtensionOperation,
  updateCustomExtensionOperation,
  deleteCustomExtensionOperation,
  validateCustomExtensionOperation,
  wireCustomExtensionOperation,
  listEventListenersOperation,
  getEventListenerOperation,
  createEventListenerOperation,
  updateEventListenerOperation,
  deleteEventListenerOperation,
  listPoliciesOperation,
  getPolicyOperation,
  uploadPolicyOperation,
  deletePolicyOperation,
  listKeySetsOperation,
  getKeySetOperation,
  createKeySetOperation,
  deleteKeySetOperation,
  generateKeyOperation,
  uploadSecretOperation,
  uploadCertificateOperation,
  uploadPfxOperation,
  getActiveKeyOperation,
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
