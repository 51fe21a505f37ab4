import type { Operation } from "../../operations/define-operation.ts";
import { createIdentityProviderOperation } from "./create-identity-provider.ts";
import { deleteIdentityProviderOperation } from "./delete-identity-provider.ts";
import { getIdentityProviderOperation } from "./get-identity-provider.ts";
import { identityProviderTypesOperation } from "./identity-provider-types.ts";
import { listIdentityProvidersOperation } from "./list-identity-providers.ts";
import { updateIdentityProviderOperation } from "./update-identity-provider.ts";

/** The operations of the identity-providers area in catalog order (the registry joins the areas' lists). */
export const identityProvidersOperations: readonly Operation[] = [
  listIdentityProvidersOperation,
  getIdentityProviderOperation,
  identityProviderTypesOperation,
  createIdentityProviderOperation,
  updateIdentityProviderOperation,
  deleteIdentityProviderOperation,
];
