// The public names of the service-principals area (service principals and the application permissions granted
// to them); core's src/index.ts re-exports them all. The area's operations, in catalog order, are listed in
// ./operations.ts.
export { createServicePrincipalOperation } from "./create-service-principal.ts";
export { getServicePrincipalOperation } from "./get-service-principal.ts";
export { grantConsentOperation } from "./grant-consent.ts";
export { grantPermissionOperation } from "./grant-permission.ts";
export { listConsentsOperation } from "./list-consents.ts";
export { listGrantsOperation } from "./list-grants.ts";
export { revokeConsentOperation } from "./revoke-consent.ts";
export { revokePermissionOperation } from "./revoke-permission.ts";
export type {
  AppRoleAssignment,
  ServicePrincipal,
} from "./service-principal-schema.ts";
