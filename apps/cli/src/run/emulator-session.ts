import { readFileSync } from "node:fs";
import type { EmulatorOptions, RunningEmulator } from "@ciamkit/emulator";
import { emulatorDataDir, serverFile } from "./data-dir.ts";
import { UsageError } from "./exit-codes.ts";
import type { Session } from "./session.ts";

type Core = typeof import("@ciamkit/core");
type Env = Readonly<Record<string, string | undefined>>;

/** What `ciam emulator start` writes into the lock while it serves: the others refuse, not wait. */
export const SERVER_HOLDER = "ciam emulator start";
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

/** The embedded emulator on its persistent data dir, signed in as the demo tenant's management app. */
export async function openEmulatorSession(core: Core, env: Env, signal?: AbortSignal): Promise<Session> {
  const emulator = await startEmbeddedEmulator({ holder: "ciam --emulator", env, signal });
  const tenant = emulator.tenants[0];
  if (tenant === undefined) {
    await emulator.stop();
    throw new UsageError("the emulator has no demo tenant; start over with `ciam emulator reset`");
  }
  const { client } = core.emulatorConnection(emulator, tenant);
  return {
    client,
    async close() {
      await client.close();
      await emulator.stop();
    },
  };
}

/** How the embedded emulator is started on the persistent state. */
export interface EmbeddedOptions {
  /** What this process is, for the messages of the ones that wait for it. */
  holder: string;
  env?: Env;
  signal?: AbortSignal | undefined;
  emulator?: Omit<EmulatorOptions, "dataDir" | "dataDirLock" | "onWarning">;
}

/**
 * Starts the emulator on the persistent state for this process alone: several `ciam --emulator`
 * commands at once take turns (the emulator locks its data dir from load to save), each saying on
 * stderr whom it waits for, up to CIAM_EMULATOR_WAIT seconds. A served state (`ciam emulator start`)
 * is refused at once: it serves until Ctrl-C.
 */
export async function startEmbeddedEmulator(options: EmbeddedOptions): Promise<RunningEmulator> {
  const env = options.env ?? process.env;
  const dataDir = emulatorDataDir(env);
  refuseWhileServed(dataDir);
  const waitSeconds = emulatorWaitSeconds(env);
  const { startEmulator } = await import("@ciamkit/emulator");
  try {
    return await startEmulator({
      ...options.emulator,
      dataDir,
      dataDirLock: {
        holder: options.holder,
        waitMs: waitSeconds * 1000,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onWait: (holder) => {
          if (holder.holder === SERVER_HOLDER) throw servedError(holder.pid);
          process.stderr.write(
            `ciam: waiting for another ${holder.holder} process (pid ${holder.pid}) using ${dataDir}\n`,
          );
        },
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
      const holder = (error as { holder?: { holder: string; pid: number } }).holder;
      if (holder?.holder === SERVER_HOLDER) throw servedError(holder.pid);
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

function servedError(pid: number): UsageError {
  return new UsageError(
    `the emulator's state is in use by \`ciam emulator start\` (pid ${pid}); connect with the AZURE_* settings it printed, or stop it first`,
  );
}

/** Two processes must not write one journal: a served emulator owns its data dir. */
export function refuseWhileServed(dataDir: string): void {
  let pid: number | undefined;
  try {
    pid = (JSON.parse(readFileSync(serverFile(dataDir), "utf8")) as { pid?: number }).pid;
  } catch {
    return;
  }
  if (pid === undefined || pid === process.pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // a stale file from a server that did not exit cleanly
  }
  throw servedError(pid);
}
