// The public names of the identity-providers area (identity providers for sign-in); core's src/index.ts re-
// exports them all. The area's operations, in catalog order, are listed in ./operations.ts.
export { createIdentityProviderOperation } from "./create-identity-provider.ts";
export { deleteIdentityProviderOperation } from "./delete-identity-provider.ts";
export { getIdentityProviderOperation } from "./get-identity-provider.ts";
export type { IdentityProvider } from "./identity-provider-schema.ts";
export { identityProviderTypesOperation } from "./identity-provider-types.ts";
export { listIdentityProvidersOperation } from "./list-identity-providers.ts";
export { updateIdentityProviderOperation } from "./update-identity-provider.ts";
