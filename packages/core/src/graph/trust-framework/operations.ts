import type { Operation } from "../../operations/define-operation.ts";
import { createKeySetOperation } from "./create-keyset.ts";
import { deleteKeySetOperation } from "./delete-keyset.ts";
import { deletePolicyOperation } from "./delete-policy.ts";
import { generateKeyOperation } from "./generate-key.ts";
import { getActiveKeyOperation } from "./get-active-key.ts";
import { getKeySetOperation } from "./get-keyset.ts";
import { getPolicyOperation } from "./get-policy.ts";
import { listKeySetsOperation } from "./list-keysets.ts";
import { listPoliciesOperation } from "./list-policies.ts";
import { uploadCertificateOperation } from "./upload-certificate.ts";
import { uploadPfxOperation } from "./upload-pfx.ts";
import { uploadPolicyOperation } from "./upload-policy.ts";
import { uploadSecretOperation } from "./upload-secret.ts";

/** The operations of the trust-framework area in catalog order (the registry joins the areas' lists). */
export const trustFrameworkOperations: readonly Operation[] = [
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
