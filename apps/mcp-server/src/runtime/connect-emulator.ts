import { type CiamClient, emulatorConnection, type Logger } from "@ciamkit/core";
import {
  defaultEmulatorDataDir,
  type EmulatorEndpoint,
  openSharedEmulator,
  type SharedEmulator,
  startEmulator,
} from "@ciamkit/emulator";
import { UsageError } from "../config.ts";
import type { ConnectedTenant } from "./connect.ts";

/** How long the server waits for a `ciam --emulator` command that has the state (seconds). */
const WAIT_SECONDS = 120;

/** Options of {@link connectToEmulator}. */
export interface EmulatorConnectOptions {
  /** A throw-away emulator in memory instead of the persistent state (`--emulator-in-memory`). */
  inMemory?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the server says it waits for another process. */
  say?: ((line: string) => void) | undefined;
  logger?: Logger | undefined;
}

/**
 * The embedded emulator's demo tenant, over HTTPS with the emulator's CA as against Microsoft's cloud
 * (ADR 0013). By default the persistent state `ciam --emulator` uses: the server serves it on the
 * directory's stable ports while it runs (so `ciam --emulator` commands connect to it), or connects to
 * the process already serving it (`ciam emulator start`). Graph calls sign in as the demo tenant's
 * management app, ARM calls (the tenant tools) as the workforce tenant's manager app.
 */
export async function connectToEmulator(options: EmulatorConnectOptions = {}): Promise<ConnectedTenant> {
  const say = options.say ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const dataDir = options.inMemory === true ? undefined : defaultEmulatorDataDir(options.env ?? process.env);
  const shared = dataDir === undefined ? await inMemory() : await persistent(dataDir, say);
  try {
    const { endpoint } = shared;
    if (endpoint.tenant.tenantId === "") {
      throw new UsageError("the emulator has no demo tenant; start over with `ciam emulator reset`");
    }
    const client = emulatorClient(endpoint, options.logger);
    const where =
      dataDir === undefined
        ? "in memory, discarded at exit"
        : shared.emulator === undefined
          ? `state ${dataDir}, served by ${endpoint.holder} (pid ${endpoint.pid})`
          : `state ${dataDir}`;
    return {
      client,
      ...(shared.emulator === undefined ? {} : { emulator: shared.emulator }),
      description: `the embedded emulator's demo tenant ${endpoint.tenant.domain} (${endpoint.tenant.tenantId}; ${where}); Graph at ${endpoint.graphUrl}`,
      close: async () => {
        await client.close();
        await shared.stop();
      },
    };
  } catch (error) {
    await shared.stop();
    throw error;
  }
}

async function inMemory(): Promise<SharedEmulator> {
  const { endpointOf } = await import("@ciamkit/emulator");
  const emulator = await startEmulator();
  return {
    endpoint: endpointOf(emulator, "ciam-mcp --emulator-in-memory"),
    emulator,
    stop: () => emulator.stop(),
  };
}

async function persistent(dataDir: string, say: (line: string) => void): Promise<SharedEmulator> {
  try {
    return await openSharedEmulator({
      dataDir,
      holder: "ciam-mcp --emulator",
      serve: true,
      waitMs: WAIT_SECONDS * 1000,
      onWait: (h) => say(`ciam-mcp: waiting for another ${h.holder} process (pid ${h.pid}) using ${dataDir}`),
      onWarning: (message) => say(`ciam-mcp: warning: ${message}`),
    });
  } catch (error) {
    const name = (error as Error).name;
    const message = (error as Error).message;
    if (name === "DataDirCorruptError")
      throw new UsageError(`the emulator's state cannot be loaded: ${message}`);
    if (name === "DataDirBusyError") {
      throw new UsageError(
        `the emulator's state ${message}; try again when it has finished, or use a throw-away state with --emulator-in-memory`,
      );
    }
    throw error;
  }
}

/** A client for the demo tenant whose ARM calls act as the workforce tenant's manager app. */
function emulatorClient(endpoint: EmulatorEndpoint, logger: Logger | undefined): CiamClient {
  return emulatorConnection(endpoint, endpoint.tenant, { logger, armApp: endpoint.workforce }).client;
}
