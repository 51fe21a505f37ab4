// Core's client for the benchmark's emulator, for the ciamkit processes only (the graph-client
// contenders must not load @ciamkit/core: their RSS is measured too).
import { type CiamClient, clientSecretCredential, createCiamClient, customCloud } from "@ciamkit/core";
import type { ContenderConfig } from "./contender.ts";

/** A client for the emulator's demo tenant, from the connection the parent passed. */
export function ciamkitClient(config: ContenderConfig): CiamClient {
  const cloud = customCloud({
    authorityHost: config.loginUrl,
    graphEndpoint: config.graphUrl,
    armEndpoint: config.armUrl,
    knownAuthorities: config.tenant.knownAuthorities,
    ca: config.caCertPem,
  });
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: config.tenant.tenantId,
      clientId: config.tenant.clientId,
      clientSecret: config.tenant.clientSecret,
      cloud,
    }),
    tenantId: config.tenant.tenantId,
    cloud,
  });
}
