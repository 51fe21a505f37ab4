import { type CiamClient, connectFromCommandLine, emulatorConnection, type Logger } from "@ciamkit/core";
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

/** Which tenant the command line asked for. */
export interface ConnectionChoice {
  emulator: boolean;
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
 * Connects to the tenant the command line chose: `--emulator`, else core's
 * `connectFromCommandLine()`, which `ciam` uses too (the same variables, profiles and order; see
 * docs/connecting.md).
 */
export async function connectConfigured(
  choice: ConnectionChoice,
  options: ConnectConfiguredOptions = {},
): Promise<ConnectedTenant> {
  if (choice.emulator) return connectToEmulator(options.logger);
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  return connectFromCommandLine({
    profile: choice.profile,
    ...(options.env === undefined ? {} : { env: options.env }),
    onPrompt: (prompt) => say(prompt.message),
    logger: options.logger,
  });
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
    const connection = emulatorConnection(emulator, tenant, logger);
    return {
      ...connection,
      emulator,
      close: async () => {
        await connection.close();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
