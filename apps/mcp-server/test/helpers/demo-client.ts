import {
  type CiamClient,
  type CiamClientOptions,
  clientSecretCredential,
  createCiamClient,
  customCloud,
} from "@ciamkit/core";
import type { RunningEmulator } from "@ciamkit/emulator";

/**
 * Core's client for the emulator's demo management app (over HTTPS with the emulator's CA), without
 * retries so that a test sees each first answer. `overrides` adds options, e.g. a watching `fetch`.
 */
export function demoClient(
  emulator: RunningEmulator,
  overrides: Partial<CiamClientOptions> = {},
): CiamClient {
  const tenant = emulator.tenants[0];
  if (tenant === undefined) throw new Error("no demo tenant");
  const cloud = emulatorCloud(emulator);
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      cloud,
    }),
    tenantId: tenant.tenantId,
    cloud,
    retry: { maxRetries: 0 },
    ...overrides,
  });
}

/** The emulator as a custom cloud: its login, Graph and ARM origins, trusted through its CA. */
export function emulatorCloud(emulator: RunningEmulator) {
  return customCloud({
    authorityHost: emulator.loginUrl,
    graphEndpoint: emulator.graphUrl,
    armEndpoint: emulator.armUrl,
    ca: emulator.caCertPem,
  });
}
