// Core's client for the benchmark's emulator, for the ciamkit processes only (the graph-client
// contenders must not load @ciamkit/core: their RSS is measured too).
import { type CiamClient, clientSecretCredential, createCiamClient, customCloud } from "@ciamkit/core";
import type { ContenderConfig } from "./contender.ts";

/**
 * The emulator's cloud and the demo tenant's management-app credential (MSAL, cached), from the
 * connection the parent passed: the contenders' common sign-in, whatever client they then use.
 */
export function benchSignIn(config: ContenderConfig) {
  const cloud = customCloud({
    authorityHost: config.loginUrl,
    graphEndpoint: config.graphUrl,
    armEndpoint: config.armUrl,
    knownAuthorities: config.tenant.knownAuthorities,
    ca: config.caCertPem,
  });
  const credential = clientSecretCredential({
    tenantId: config.tenant.tenantId,
    clientId: config.tenant.clientId,
    clientSecret: config.tenant.clientSecret,
    cloud,
  });
  return { cloud, credential };
}

/** A client for the emulator's demo tenant, from the connection the parent passed. */
export function ciamkitClient(config: ContenderConfig): CiamClient {
  const { cloud, credential } = benchSignIn(config);
  return createCiamClient({ credential, tenantId: config.tenant.tenantId, cloud });
}
