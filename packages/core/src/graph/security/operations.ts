import type { Operation } from "../../operations/define-operation.ts";
import { createCaPolicyOperation } from "./create-ca-policy.ts";
import { deleteCaPolicyOperation } from "./delete-ca-policy.ts";
import { getCaPolicyOperation } from "./get-ca-policy.ts";
import { listAuthMethodsOperation } from "./list-auth-methods.ts";
import { listCaPoliciesOperation } from "./list-ca-policies.ts";
import { requireMfaOperation } from "./require-mfa.ts";
import { setAuthMethodOperation } from "./set-auth-method.ts";
import { updateCaPolicyOperation } from "./update-ca-policy.ts";

/** The operations of the security area in catalog order (the registry joins the areas' lists). */
export const securityOperations: readonly Operation[] = [
  listAuthMethodsOperation,
  setAuthMethodOperation,
  listCaPoliciesOperation,
  getCaPolicyOperation,
  createCaPolicyOperation,
  updateCaPolicyOperation,
  requireMfaOperation,
  deleteCaPolicyOperation,
];
