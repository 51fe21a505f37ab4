// The public names of the trust-framework area (the Azure AD B2C trust framework: custom policies and policy
// keys); core's src/index.ts re-exports them all. The area's operations, in catalog order, are listed in
// ./operations.ts.
export { createKeySetOperation } from "./create-keyset.ts";
export { deleteKeySetOperation } from "./delete-keyset.ts";
export { deletePolicyOperation } from "./delete-policy.ts";
export { generateKeyOperation } from "./generate-key.ts";
export { getActiveKeyOperation } from "./get-active-key.ts";
export { getKeySetOperation } from "./get-keyset.ts";
export { getPolicyOperation } from "./get-policy.ts";
export { listKeySetsOperation } from "./list-keysets.ts";
export { listPoliciesOperation } from "./list-policies.ts";
export type { KeySet, TrustFrameworkKey } from "./trust-framework-schema.ts";
export { uploadCertificateOperation } from "./upload-certificate.ts";
export { uploadPfxOperation } from "./upload-pfx.ts";
export { uploadPolicyOperation } from "./upload-policy.ts";
export { uploadSecretOperation } from "./upload-secret.ts";
