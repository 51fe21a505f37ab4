import {
  type CiamClient,
  type Cloud,
  clientSecretCredential,
  createCiamClient,
  customCloud,
  fromEnvironment,
  type Logger,
} from "@ciamkit/core";
import { type RunningEmulator, startEmulator } from "@ciamkit/emulator";

/** The tenant the server acts on, and how to let go of it. */
export interface ConnectedTenant {
  client: CiamClient;
  /** One line for stderr: which tenant, through which credential (never a secret). */
  description: string;
  /** The embedded emulator, with `--emulator`. */
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

/** Options of {@link connectFromEnvironment}. */
export interface EnvironmentConnectOptions {
  /** Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The cloud when `AZURE_AUTHORITY_HOST` names no Microsoft cloud, e.g. a profile's custom cloud. */
  cloud?: Cloud | undefined;
  logger?: Logger | undefined;
}

/** Connects with core's `fromEnvironment()`: the AZURE_* variables the Azure SDKs use. */
export function connectFromEnvironment(options: EnvironmentConnectOptions = {}): ConnectedTenant {
  const env = fromEnvironment({
    ...(options.env === undefined ? {} : { env: options.env }),
    cloud: options.cloud,
    logger: options.logger,
  });
  const client = createCiamClient({
    credential: env.credential,
    tenantId: env.tenantId,
    cloud: env.cloud,
    logger: options.logger,
  });
  return {
    client,
    description: `tenant ${env.tenantId} (${env.cloud.name} cloud) as app ${env.clientId} with a ${env.kind} credential`,
    close: () => client.close(),
  };
}

/**
 * Starts the embedded emulator with its demo seed and connects to its `contoso` tenant as the demo
 * management app, over HTTPS with the emulator's CA, exactly as against Microsoft's cloud.
 */
export async function connectToEmulator(logger?: Logger): Promise<ConnectedTenant> {
  const emulator = await startEmulator();
  try {
    const tenant = emulator.tenants[0];
    if (tenant === undefined) throw new Error("The emulator started without its demo tenant.");
    const cloud = customCloud({
      name: "emulator",
      authorityHost: emulator.loginUrl,
      graphEndpoint: emulator.graphUrl,
      armEndpoint: emulator.armUrl,
      ca: emulator.caCertPem,
    });
    const credential = clientSecretCredential({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      cloud,
      logger,
    });
    const client = createCiamClient({ credential, tenantId: tenant.tenantId, cloud, logger });
    return {
      client,
      emulator,
      description: `the embedded emulator's demo tenant ${tenant.domain} (${tenant.tenantId}); Graph at ${emulator.graphUrl}`,
      close: async () => {
        await client.close();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
