import { type CiamClient, type Cloud, createCiamClient, fromEnvironment, type Logger } from "@ciamkit/core";
import type { RunningEmulator } from "@ciamkit/emulator";

/** The tenant the server acts on, and how to let go of it. */
export interface ConnectedTenant {
  client: CiamClient;
  /** One line for stderr: which tenant, through which credential (never a secret). */
  description: string;
  /** The embedded emulator, with `--emulator` when this process runs it. */
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
