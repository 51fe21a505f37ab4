import { type CiamClient, connectFromCommandLine, type Logger } from "@ciamkit/core";
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
 * Connects to the tenant the command line chose: `--emulator` (the persistent emulated state, ADR
 * 0013), else core's `connectFromCommandLine()`, which `ciam` uses too (the same variables, profiles
 * and order; see docs/connecting.md).
 */
export async function connectConfigured(
  choice: ConnectionChoice,
  options: ConnectConfiguredOptions = {},
): Promise<ConnectedTenant> {
  if (choice.emulator) {
    // Loaded only here: the emulator (its HTTPS server, certificate stack and routes) is half of what
    // a start would otherwise load, and a real tenant never needs it.
    const { connectToEmulator } = await import("./connect-emulator.ts");
    return connectToEmulator({
      inMemory: choice.emulatorInMemory === true,
      env: options.env ?? process.env,
      say: options.say,
      logger: options.logger,
    });
  }
  const say = options.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  return connectFromCommandLine({
    profile: choice.profile,
    ...(options.env === undefined ? {} : { env: options.env }),
    onPrompt: (prompt) => say(prompt.message),
    logger: options.logger,
  });
}
