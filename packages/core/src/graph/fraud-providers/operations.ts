import type { Operation } from "../../operations/define-operation.ts";
import { createFraudProviderOperation } from "./create-fraud-provider.ts";
import { deleteFraudProviderOperation } from "./delete-fraud-provider.ts";
import { listFraudProvidersOperation } from "./list-fraud-providers.ts";

/** The operations of the fraud-providers area in catalog order (the registry joins the areas' lists). */
export const fraudProvidersOperations: readonly Operation[] = [
  listFraudProvidersOperation,
  createFraudProviderOperation,
  deleteFraudProviderOperation,
];
