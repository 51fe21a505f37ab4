// The public names of the fraud-providers area (Arkose Labs, HUMAN Security); core's src/index.ts
// re-exports them all. The area's operations, in catalog order, are in ./operations.ts.
export { createFraudProviderOperation } from "./create-fraud-provider.ts";
export { deleteFraudProviderOperation } from "./delete-fraud-provider.ts";
export type { FraudProvider } from "./fraud-provider-schema.ts";
export { listFraudProvidersOperation } from "./list-fraud-providers.ts";
