import type { EmulatorEndpoint, EmulatorOptions, SharedEmulator } from "@ciamkit/emulator";
import { UsageError } from "./exit-codes.ts";
import type { Session } from "./session.ts";

type Core = typeof import("@ciamkit/core");
type Env = Readonly<Record<string, string | undefined>>;

/** How long a command waits for another process on the same state, unless CIAM_EMULATOR_WAIT says. */
const DEFAULT_WAIT_SECONDS = 600;

/**
 * The emulator's state stayed in use by another `ciam` process for longer than CIAM_EMULATOR_WAIT:
 * nothing was sent; exit code 6, like a service that stayed busy.
 */
export class EmulatorBusyError extends Error {
  override name = "EmulatorBusyError";
  /** Core's error kind (`@ciamkit/core/error-kinds`): exit code 6. */
  readonly kind = "service";
}

/**
 * The emulated tenants of the persistent state (ADR 0013): Graph calls sign in as the demo tenant's
 * management app, ARM calls (`ciam tenant …`) as the workforce tenant's manager app, both with client
 * credentials. Connects to the emulator that `ciam emulator start` or `ciam-mcp --emulator` serves on
 * the state, or runs one for this command.
 */
export async function openEmulatorSession(core: Core, env: Env, signal?: AbortSignal): Promise<Session> {
  const shared = await openSharedState({ holder: "ciam --emulator", env, signal });
  try {
    const client = emulatorClient(core, shared.endpoint);
    return {
      client,
      async close() {
        await client.close();
        await shared.stop();
      },
    };
  } catch (error) {
    await shared.stop();
    throw error;
  }
}

/** A client for the emulated demo tenant whose ARM calls act as the workforce tenant's manager app. */
export function emulatorClient(core: Core, endpoint: EmulatorEndpoint) {
  if (endpoint.tenant.tenantId === "") {
    throw new UsageError("the emulator has no demo tenant; start over with `ciam emulator reset`");
  }
  return core.emulatorConnection(endpoint, endpoint.tenant, { armApp: endpoint.workforce }).client;
}

/** How the persistent state is opened. */
export interface SharedStateOptions {
  /** What this process is, for the messages of the ones that wait for it. */
  holder: string;
  env?: Env;
  signal?: AbortSignal | undefined;
  /** Serve it for other clients until stopped (`ciam emulator start`). */
  serve?: boolean;
  ports?: { graph: number; login: number; arm: number };
  emulator?: Omit<EmulatorOptions, "dataDir" | "dataDirLock" | "onWarning" | "ports">;
}

/**
 * Opens the persistent state: connects to the process serving it, or runs the emulator on it on the
 * directory's stable ports. Several `ciam --emulator` commands at once take turns (the emulator
 * locks its data dir from load to save), each saying on stderr whom it waits for, up to
 * CIAM_EMULATOR_WAIT seconds.
 */
export async function openSharedState(options: SharedStateOptions): Promise<SharedEmulator> {
  const env = options.env ?? process.env;
  const waitSeconds = emulatorWaitSeconds(env);
  const { defaultEmulatorDataDir, openSharedEmulator } = await import("@ciamkit/emulator");
  const dataDir = defaultEmulatorDataDir(env);
  try {
    return await openSharedEmulator({
      dataDir,
      holder: options.holder,
      waitMs: waitSeconds * 1000,
      signal: options.signal,
      ...(options.serve === true ? { serve: true } : {}),
      ...(options.ports === undefined ? {} : { ports: options.ports }),
      ...(options.emulator === undefined ? {} : { emulator: options.emulator }),
      onWait: (holder) => {
        process.stderr.write(
          `ciam: waiting for another ${holder.holder} process (pid ${holder.pid}) using ${dataDir}\n`,
        );
      },
      onWarning: (message) => void process.stderr.write(`ciam: warning: ${message}\n`),
    });
  } catch (error) {
    const name = (error as Error).name;
    const message = (error as Error).message;
    if (name === "DataDirCorruptError") {
      throw new UsageError(`the emulator's state cannot be loaded: ${message}`);
    }
    if (name === "DataDirBusyError") {
      throw new EmulatorBusyError(
        `the emulator's state ${message}; run the command again when it has finished, or wait longer with CIAM_EMULATOR_WAIT=<seconds> (now ${waitSeconds})`,
      );
    }
    throw error;
  }
}

/** CIAM_EMULATOR_WAIT: whole seconds to wait for another process on the same state (0: not at all). */
function emulatorWaitSeconds(env: Env): number {
  const value = env.CIAM_EMULATOR_WAIT;
  if (value === undefined || value === "") return DEFAULT_WAIT_SECONDS;
  const seconds = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(seconds)) {
    throw new UsageError(`CIAM_EMULATOR_WAIT must be a whole number of seconds, not '${value}'`);
  }
  return seconds;
}
