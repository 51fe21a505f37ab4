import {
  cloudFromProfile,
  configDir,
  createCiamClient,
  credentialFromProfile,
  type Logger,
  type Profile,
  ProfileStore,
} from "@ciamkit/core";
import { type ConnectedTenant, connectFromEnvironment } from "./connect.ts";
import { connectToEmulator } from "./connect-emulator.ts";

/** Which tenant the command line asked for. */
export interface ConnectionChoice {
  emulator: boolean;
  /** With `emulator`: a throw-away in-memory state instead of the persistent one. */
  emulatorInMemory?: boolean | undefined;
  /** A profile name from `--profile`; the current profile when undefined. */
  profile: string | undefined;
}

/** Options of {@link connectConfigured}. */
export interface ConnectConfiguredOptions {
  /** Defaults to `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where a device-code profile's sign-in prompt goes: stderr, since stdout may be the protocol. */
  say?: ((line: string) => void) | undefined;
  logger?: Logger | undefined;
}

/**
 * Connects to the tenant the command line chose, in the CLI's order (`ciam` reads the same
 * profiles): `--emulator`; the `AZURE_*` variables when `AZURE_TENANT_ID` or `AZURE_CLIENT_ID` is set,
 * overriding any profile as in the Azure SDKs (the profile still supplies a custom cloud, which has
 * no variable for its Graph and ARM endpoints); the `--profile` or current profile; otherwise
 * `fromEnvironment()`, whose error says which variables to set. An unknown profile or unreadable
 * profiles file throws core's `ProfileError` before anything is sent.
 */
export async function connectConfigured(
  choice: ConnectionChoice,
  options: ConnectConfiguredOptions = {},
): Promise<ConnectedTenant> {
  const env = options.env ?? process.env;
  if (choice.emulator) {
    return connectToEmulator({
      inMemory: choice.emulatorInMemory === true,
      env,
      say: options.say,
      logger: options.logger,
    });
  }
  const store = new ProfileStore(configDir(env));
  const overridden = Boolean(env.AZURE_TENANT_ID?.trim() || env.AZURE_CLIENT_ID?.trim());
  const profile =
    choice.profile === undefined && store.currentName() === undefined ? undefined : store.get(choice.profile);
  if (overridden || profile === undefined) {
    return connectFromEnvironment({
      env,
      cloud: profile === undefined ? undefined : cloudFromProfile(profile.cloud),
      logger: options.logger,
    });
  }
  return connectProfile(profile, env, options);
}

function connectProfile(
  profile: Profile,
  env: Readonly<Record<string, string | undefined>>,
  options: ConnectConfiguredOptions,
): ConnectedTenant {
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cloud = cloudFromProfile(profile.cloud);
  const credential = credentialFromProfile(profile, {
    env,
    onPrompt: (prompt) => say(prompt.message),
    logger: options.logger,
  });
  const client = createCiamClient({ credential, tenantId: profile.tenantId, cloud, logger: options.logger });
  return {
    client,
    description: `profile '${profile.name}': tenant ${profile.tenantId} (${cloud.name} cloud) as app ${profile.clientId} with a ${profile.credential.kind} credential`,
    close: () => client.close(),
  };
}
