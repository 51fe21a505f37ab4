/**
 * The fraud protection providers client (`/identity/riskPrevention/fraudProtectionProviders`, v1.0).
 * Microsoft Graph offers this API with delegated permissions only, so every call here turns a 403
 * into a delegated-only refusal naming the sign-in that works (a device-code profile).
 */
import { asDelegatedOnly, PermissionError } from "../../http/errors.ts";
import { entitySetClient } from "../entity-set-client.ts";
import { fraudProviderMapping, type GraphFraudProvider } from "./fraud-provider-mapping.ts";
import type { FraudProvider } from "./fraud-provider-schema.ts";

/** The delegated permissions: reading, and writing. */
export const FRAUD_READ = ["RiskPreventionProviders.Read.All"] as const;
export const FRAUD_WRITE = ["RiskPreventionProviders.ReadWrite.All"] as const;

/** The providers' entity set. */
export const fraudProviders = entitySetClient<GraphFraudProvider, FraudProvider>(
  "/identity/riskPrevention/fraudProtectionProviders",
  fraudProviderMapping.fromGraph,
);

/** Runs `call`; a 403 becomes a delegated-only {@link PermissionError} naming `permissions`. */
export async function delegatedOnly<T>(permissions: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PermissionError) throw asDelegatedOnly(error, permissions);
    throw error;
  }
}
