import { setTimeout as sleep } from "node:timers/promises";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../emulator.ts";
import { DataDirBusyError, type DataDirHolder } from "../persist/dir-lock.ts";
import {
  type EmulatorEndpoint,
  readServedEndpoint,
  removeServedEndpoint,
  writeServedEndpoint,
} from "./served-endpoint.ts";
import { stablePorts } from "./stable-ports.ts";

/** What a serving process adds to its lock's `holder`, so that the others connect instead of waiting. */
export const SERVING_MARK = " (serving)";
/** How long a client waits for a server that holds the lock to write its endpoint. */
const ENDPOINT_WAIT_MS = 30_000;

/** Options of {@link openSharedEmulator}. */
export interface SharedEmulatorOptions {
  dataDir: string;
  /** What this process is (`ciam --emulator`), for the messages of the ones that wait for it. */
  holder: string;
  /**
   * Serve the state for other clients until `stop()`: record the endpoint beside the lock, so that
   * clients opening the same directory connect to this process instead of waiting for it.
   */
  serve?: boolean;
  /** Ports to use instead of the directory's stable ones. */
  ports?: { graph: number; login: number; arm: number };
  /** How long to wait while another client (not a server) holds the state (default 0). */
  waitMs?: number;
  /** Called once when this process starts waiting for another client; throwing stops the wait. */
  onWait?: (holder: DataDirHolder) => void;
  signal?: AbortSignal | undefined;
  onWarning?: (message: string) => void;
  emulator?: Omit<EmulatorOptions, "dataDir" | "dataDirLock" | "onWarning" | "ports">;
}

/** The emulated state of a data directory, served by this process or by another one. */
export interface SharedEmulator {
  endpoint: EmulatorEndpoint;
  /** The emulator when this process runs it; undefined when connected to another process's. */
  emulator: RunningEmulator | undefined;
  /** Stops this process's emulator (saving the state); nothing when connected to another's. */
  stop(): Promise<void>;
}

class ServedElsewhere extends Error {
  readonly holder: DataDirHolder;
  constructor(holder: DataDirHolder) {
    super(`served by ${holder.holder}`);
    this.holder = holder;
  }
}

/**
 * Opens a data directory's emulated state for `ciam --emulator`, `ciam-mcp --emulator` and
 * `ciam emulator start` (ADR 0013): connects to the process serving it when there is one; otherwise
 * takes the directory's lock (waiting up to `waitMs` for another client) and starts the emulator on
 * the directory's stable ports, falling back to free ports with a warning when those are taken.
 */
export async function openSharedEmulator(options: SharedEmulatorOptions): Promise<SharedEmulator> {
  const served = readServedEndpoint(options.dataDir);
  if (served !== undefined) return connected(served);
  try {
    return await startOwn(options);
  } catch (error) {
    if (!(error instanceof ServedElsewhere)) throw error;
    const endpoint = await awaitEndpoint(options.dataDir, error.holder, options.signal);
    if (endpoint === undefined) throw new DataDirBusyError(options.dataDir, error.holder, ENDPOINT_WAIT_MS);
    return connected(endpoint);
  }
}

function connected(endpoint: EmulatorEndpoint): SharedEmulator {
  return { endpoint, emulator: undefined, stop: async () => {} };
}

async function startOwn(options: SharedEmulatorOptions): Promise<SharedEmulator> {
  const holder = `${options.holder}${options.serve === true ? SERVING_MARK : ""}`;
  const start = (ports: EmulatorOptions["ports"]) =>
    startEmulator({
      ...options.emulator,
      ...(ports === undefined ? {} : { ports }),
      dataDir: options.dataDir,
      dataDirLock: {
        holder,
        waitMs: options.waitMs ?? 0,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onWait: (other) => {
          if (other.holder.endsWith(SERVING_MARK)) throw new ServedElsewhere(other);
          options.onWait?.(other);
        },
      },
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    });
  const ports = options.ports ?? stablePorts(options.dataDir);
  let emulator: RunningEmulator;
  try {
    emulator = await start(ports);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || options.ports !== undefined) throw error;
    options.onWarning?.(
      `ports ${ports.graph}–${ports.arm} of ${options.dataDir} are in use by another program; this run uses free ports, so cursors and settings printed by earlier runs do not reach it`,
    );
    emulator = await start(undefined);
  }
  const endpoint = endpointOf(emulator, holder);
  if (options.serve === true) writeServedEndpoint(options.dataDir, endpoint);
  return {
    endpoint,
    emulator,
    async stop() {
      if (options.serve === true) removeServedEndpoint(options.dataDir);
      await emulator.stop();
    },
  };
}

/** Describes a running emulator for its clients. */
export function endpointOf(emulator: RunningEmulator, holder: string): EmulatorEndpoint {
  const tenant = emulator.tenants[0];
  const w = emulator.workforce;
  return {
    pid: process.pid,
    holder,
    loginUrl: emulator.loginUrl,
    graphUrl: emulator.graphUrl,
    armUrl: emulator.armUrl,
    caCertPem: emulator.caCertPem,
    tenant: {
      tenantId: tenant?.tenantId ?? "",
      domain: tenant?.domain ?? "",
      clientId: tenant?.clientId ?? "",
      clientSecret: tenant?.clientSecret ?? "",
    },
    workforce:
      w === undefined
        ? null
        : {
            tenantId: w.tenantId,
            domain: w.domain,
            clientId: w.managementApp.clientId,
            clientSecret: w.managementApp.clientSecret,
            subscriptionId: w.subscriptionId,
            resourceGroup: w.resourceGroup,
          },
  };
}

/** A server holds the lock: its endpoint appears once it has loaded the state and listens. */
async function awaitEndpoint(
  dataDir: string,
  holder: DataDirHolder,
  signal: AbortSignal | undefined,
): Promise<EmulatorEndpoint | undefined> {
  const deadline = Date.now() + ENDPOINT_WAIT_MS;
  while (Date.now() < deadline) {
    const endpoint = readServedEndpoint(dataDir);
    if (endpoint !== undefined && endpoint.pid === holder.pid) return endpoint;
    await sleep(100, undefined, signal === undefined ? {} : { signal });
  }
  return undefined;
}
