import type { DeviceCodePrompt } from "../auth/device-code.ts";
import { CredentialConfigurationError, fromEnvironment } from "../auth/from-environment.ts";
import { type CiamClient, createCiamClient } from "../client.ts";
import type { Logger } from "../http/logger.ts";
import { cloudFromProfile, credentialFromProfile } from "../profiles/profile-credential.ts";
import type { Profile } from "../profiles/profile-schema.ts";
import { configDir, ProfileStore } from "../profiles/profile-store.ts";
import { environmentOverridesProfile } from "./connection-variables.ts";

/** A signed-in client of a command-line entry, the tenant it acts on, and how to let go of it. */
export interface CommandLineConnection {
  client: CiamClient;
  /** One line for a log: which tenant, through which credential (never a secret). */
  description: string;
  close(): Promise<void>;
}

/** Options of {@link connectFromCommandLine}. */
export interface CommandLineConnectOptions {
  /** `--profile`; the current profile when undefined. */
  profile?: string | undefined;
  /** Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Shows a device-code profile's sign-in prompt; without it such a sign-in fails at once. */
  onPrompt?: ((prompt: DeviceCodePrompt) => void) | undefined;
  logger?: Logger | undefined;
}

/**
 * Neither the `AZURE_*` variables nor a profile say where to connect. Its message is
 * {@link fromEnvironment}'s; each entry adds its own ways to give a tenant.
 */
export class NotSignedInError extends CredentialConfigurationError {}

/**
 * Connects a command-line entry (`ciam`, `ciam-mcp`) to its tenant, in this order: the
 * {@link CONNECTION_VARIABLES} when `AZURE_TENANT_ID` or `AZURE_CLIENT_ID` is set (they override any
 * profile, as in the Azure SDKs; the profile still supplies a custom cloud when `CIAM_GRAPH_ENDPOINT`
 * does not); the `profile` or current profile of `CIAM_CONFIG_DIR`. Throws {@link NotSignedInError}
 * when there is neither, core's `ProfileError` for an unknown profile, and a
 * {@link CredentialConfigurationError} naming the variable for a bad one; nothing is sent before.
 * (`--emulator` is the entry's own: see {@link emulatorConnection}.)
 */
export function connectFromCommandLine(options: CommandLineConnectOptions = {}): CommandLineConnection {
  const env = options.env ?? process.env;
  const store = new ProfileStore(configDir(env));
  const profile =
    options.profile === undefined && store.currentName() === undefined
      ? undefined
      : store.get(options.profile);
  if (environmentOverridesProfile(env)) {
    const fromEnv = fromEnvironment({
      env,
      cloud: profile && cloudFromProfile(profile.cloud),
      logger: options.logger,
    });
    const client = createCiamClient({
      credential: fromEnv.credential,
      tenantId: fromEnv.tenantId,
      cloud: fromEnv.cloud,
      logger: options.logger,
    });
    return {
      client,
      description: `tenant ${fromEnv.tenantId} (${fromEnv.cloud.name} cloud) as app ${fromEnv.clientId} with a ${fromEnv.kind} credential`,
      close: () => client.close(),
    };
  }
  if (profile === undefined) {
    throw new NotSignedInError("AZURE_TENANT_ID and AZURE_CLIENT_ID are not set.");
  }
  return connectProfile(profile, env, options);
}

/**
 * Connects to a saved profile by name, whatever the `AZURE_*` variables say: a second tenant beside the
 * one a command runs against (a migration's source). Throws core's `ProfileError` for an unknown name.
 */
export function connectNamedProfile(
  name: string,
  options: CommandLineConnectOptions = {},
): CommandLineConnection {
  const env = options.env ?? process.env;
  return connectProfile(new ProfileStore(configDir(env)).get(name) as Profile, env, options);
}

function connectProfile(
  profile: Profile,
  env: Readonly<Record<string, string | undefined>>,
  options: CommandLineConnectOptions,
): CommandLineConnection {
  const cloud = cloudFromProfile(profile.cloud);
  const credential = credentialFromProfile(profile, {
    env,
    onPrompt: options.onPrompt,
    logger: options.logger,
  });
  const client = createCiamClient({ credential, tenantId: profile.tenantId, cloud, logger: options.logger });
  return {
    client,
    description: `profile '${profile.name}': tenant ${profile.tenantId} (${cloud.name} cloud) as app ${profile.clientId} with a ${profile.credential.kind} credential`,
    close: () => client.close(),
  };
}
