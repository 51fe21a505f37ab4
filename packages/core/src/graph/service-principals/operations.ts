import type { Operation } from "../../operations/define-operation.ts";
import { createServicePrincipalOperation } from "./create-service-principal.ts";
import { getServicePrincipalOperation } from "./get-service-principal.ts";
import { grantConsentOperation } from "./grant-consent.ts";
import { grantPermissionOperation } from "./grant-permission.ts";
import { listConsentsOperation } from "./list-consents.ts";
import { listGrantsOperation } from "./list-grants.ts";
import { revokeConsentOperation } from "./revoke-consent.ts";
import { revokePermissionOperation } from "./revoke-permission.ts";

/** The operations of the service-principals area in catalog order (the registry joins the areas' lists). */
export const servicePrincipalsOperations: readonly Operation[] = [
  grantPermissionOperation,
  revokePermissionOperation,
  listGrantsOperation,
  grantConsentOperation,
  revokeConsentOperation,
  listConsentsOperation,
  createServicePrincipalOperation,
  getServicePrincipalOperation,
];
