import {
  type CiamClient,
  type CiamClientOptions,
  clientSecretCredential,
  createCiamClient,
  customCloud,
} from "@ciamkit/core";
import { b2cDemoConnection, type RunningEmulator } from "@ciamkit/emulator";

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
  return appClient(emulator, tenant, { retry: { maxRetries: 0 }, ...overrides });
}

/** Core's client for an app of an emulated tenant, signing in with its client secret. */
function appClient(
  emulator: RunningEmulator,
  app: { tenantId: string; clientId: string; clientSecret: string },
  overrides: Partial<CiamClientOptions> = {},
): CiamClient {
  const cloud = emulatorCloud(emulator);
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: app.tenantId,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      cloud,
    }),
    tenantId: app.tenantId,
    cloud,
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

/** Core's client for the emulator's demo Azure AD B2C tenant (custom policies and policy keys). */
export function b2cDemoClient(emulator: RunningEmulator): CiamClient {
  const conn = b2cDemoConnection(emulator.store, emulator.loginUrl);
  if (conn === undefined) throw new Error("the emulator seeded no B2C tenant");
  return appClient(emulator, conn);
}
