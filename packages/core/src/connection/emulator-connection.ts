import { clientSecretCredential } from "../auth/client-secret.ts";
import { customCloud } from "../auth/clouds.ts";
import type { TokenProvider } from "../auth/token-provider.ts";
import { createCiamClient } from "../client.ts";
import type { Logger } from "../http/logger.ts";
import type { CommandLineConnection } from "./command-line.ts";
import type { ConnectionVariable } from "./connection-variables.ts";

/** What a running ciamkit emulator tells about itself (`RunningEmulator` of `@ciamkit/emulator`). */
export interface EmulatorEndpoints {
  loginUrl: string;
  graphUrl: string;
  armUrl: string;
  caCertPem: string;
}

/** An emulator tenant's management app. */
export interface EmulatorTenant {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  domain: string;
}

/** An app's client credentials in an emulated tenant. */
export interface EmulatorApp {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Connects to an emulator's tenant as its management app, over HTTPS trusting the emulator's CA,
 * exactly as against Microsoft's cloud (`--emulator` of `ciam` and `ciam-mcp`). ARM calls (`tenant_*`)
 * sign in as `armApp` when given: the workforce tenant's manager app, Owner on the resource group
 * where external tenants are created. Closing it closes the client, not the emulator.
 */
export function emulatorConnection(
  emulator: EmulatorEndpoints,
  tenant: EmulatorTenant,
  options: { logger?: Logger | undefined; armApp?: EmulatorApp | null | undefined } = {},
): CommandLineConnection {
  const { logger } = options;
  const cloud = customCloud({
    name: "emulator",
    authorityHost: emulator.loginUrl,
    graphEndpoint: emulator.graphUrl,
    armEndpoint: emulator.armUrl,
    ca: emulator.caCertPem,
  });
  // Only the three credential fields: a caller may pass a richer object (the emulator's own tenant record).
  const app = (a: EmulatorApp) =>
    clientSecretCredential({
      tenantId: a.tenantId,
      clientId: a.clientId,
      clientSecret: a.clientSecret,
      cloud,
      logger,
    });
  const graph = app(tenant);
  const arm = options.armApp == null ? graph : app(options.armApp);
  const credential: TokenProvider =
    arm === graph
      ? graph
      : {
          getToken: (scope, tokenOptions) =>
            (scope === cloud.armScope ? arm : graph).getToken(scope, tokenOptions),
          close: async () => {
            await Promise.all([graph.close?.(), arm.close?.()]);
          },
        };
  const client = createCiamClient({ credential, tenantId: tenant.tenantId, cloud, logger });
  return {
    client,
    description: `the embedded emulator's demo tenant ${tenant.domain} (${tenant.tenantId}); Graph at ${emulator.graphUrl}`,
    close: () => client.close(),
  };
}

/**
 * The {@link CONNECTION_VARIABLES} that connect any entry to an emulator's tenant, its CA saved in
 * `caFile` (what `ciam emulator start` prints).
 */
export function emulatorConnectionVariables(
  emulator: Omit<EmulatorEndpoints, "caCertPem">,
  tenant: Omit<EmulatorTenant, "domain">,
  caFile: string,
): Partial<Record<ConnectionVariable, string>> {
  return {
    AZURE_TENANT_ID: tenant.tenantId,
    AZURE_CLIENT_ID: tenant.clientId,
    AZURE_CLIENT_SECRET: tenant.clientSecret,
    AZURE_AUTHORITY_HOST: emulator.loginUrl,
    CIAM_GRAPH_ENDPOINT: emulator.graphUrl,
    CIAM_ARM_ENDPOINT: emulator.armUrl,
    CIAM_CA_FILE: caFile,
  };
}
