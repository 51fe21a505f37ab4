import type { Operation } from "../../operations/define-operation.ts";
import { listAuthMethodsOperation } from "./list-auth-methods.ts";
import { setAuthMethodOperation } from "./set-auth-method.ts";

/** The operations of the security area in catalog order (the registry joins the areas' lists). */
export const securityOperations: readonly Operation[] = [listAuthMethodsOperation, setAuthMethodOperation];
