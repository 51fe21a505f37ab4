// The public names of the security area (authentication methods, Conditional Access, …); core's
// src/index.ts re-exports them all. The area's operations, in catalog order, are in ./operations.ts.
export type { AuthMethod, AuthMethodId } from "./auth-method-schema.ts";
export type { CaPolicy } from "./ca-policy-schema.ts";
export { createCaPolicyOperation } from "./create-ca-policy.ts";
export { deleteCaPolicyOperation } from "./delete-ca-policy.ts";
export { getCaPolicyOperation } from "./get-ca-policy.ts";
export { listAuthMethodsOperation } from "./list-auth-methods.ts";
export { listCaPoliciesOperation } from "./list-ca-policies.ts";
export { requireMfaOperation } from "./require-mfa.ts";
export { setAuthMethodOperation } from "./set-auth-method.ts";
export { updateCaPolicyOperation } from "./update-ca-policy.ts";
