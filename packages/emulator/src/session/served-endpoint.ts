import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** The file a serving emulator writes into its data directory: where it listens and how to sign in. */
export const SERVER_FILE = "server.json";

const AppSchema = z.object({ tenantId: z.string(), clientId: z.string(), clientSecret: z.string() });

/** How a client reaches the emulator serving a data directory, and as whom it signs in. */
export const EmulatorEndpointSchema = z.object({
  pid: z.number().int(),
  /** What serves it: `ciam emulator start`, `ciam-mcp --emulator`. */
  holder: z.string(),
  loginUrl: z.string(),
  graphUrl: z.string(),
  armUrl: z.string(),
  caCertPem: z.string(),
  /** The demo tenant's management app (Graph). */
  tenant: AppSchema.extend({ domain: z.string() }),
  /** The workforce tenant's manager app (ARM: external tenants), when the demo seed made one. */
  workforce: AppSchema.extend({
    domain: z.string(),
    subscriptionId: z.string(),
    resourceGroup: z.string(),
  }).nullable(),
});
/** See {@link EmulatorEndpointSchema}. */
export type EmulatorEndpoint = z.infer<typeof EmulatorEndpointSchema>;

/**
 * The endpoint recorded in `dataDir`, when the process that wrote it still runs; undefined when
 * there is none, it is unreadable, or its process is gone (a server killed with -9).
 */
export function readServedEndpoint(dataDir: string): EmulatorEndpoint | undefined {
  let parsed: EmulatorEndpoint;
  try {
    parsed = EmulatorEndpointSchema.parse(JSON.parse(readFileSync(join(dataDir, SERVER_FILE), "utf8")));
  } catch {
    return undefined;
  }
  if (parsed.pid === process.pid) return undefined;
  try {
    process.kill(parsed.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return undefined;
  }
  return parsed;
}

/**
 * Records the endpoint for other clients. The file holds the demo apps' secrets (deterministic for
 * the seed, and printed by `ciam emulator start` anyway): it is owner-only, in the owner-only directory
 * that holds the state itself.
 */
export function writeServedEndpoint(dataDir: string, endpoint: EmulatorEndpoint): void {
  writeFileSync(join(dataDir, SERVER_FILE), `${JSON.stringify(endpoint, null, 2)}\n`, { mode: 0o600 });
}

/** Removes the record, if it is still this process's. */
export function removeServedEndpoint(dataDir: string): void {
  try {
    const current = JSON.parse(readFileSync(join(dataDir, SERVER_FILE), "utf8")) as { pid?: unknown };
    if (current.pid !== process.pid) return;
  } catch {
    return;
  }
  rmSync(join(dataDir, SERVER_FILE), { force: true });
}
