import type { RunningEmulator, TenantConnection } from "@ciamkit/emulator";
import { seedDirectory, startEmulator } from "@ciamkit/emulator";
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import { type Cloud, customCloud } from "../../src/auth/clouds.ts";
import { type CiamClient, createCiamClient } from "../../src/client.ts";
import type { LogEntry } from "../../src/http/logger.ts";

/** The emulator with its demo tenant, and ciamkit clients for it. */
export interface CiamEmulator {
  emu: RunningEmulator;
  tenant: TenantConnection;
  cloud: Cloud;
  /** A client for the demo management app (every CIAM permission), logging into `logs`. */
  client: CiamClient;
  /** What the clients' logger received (every request and retry). */
  logs: LogEntry[];
  /** A client for a new app of the demo tenant holding only `permissions`. */
  limitedClient(name: string, permissions: readonly string[]): CiamClient;
  stop(): Promise<void>;
}

/** Starts the emulator in-process on port 0 (throttling off) with ciamkit clients over HTTPS. */
export async function startCiamEmulator(): Promise<CiamEmulator> {
  const emu = await startEmulator({ throttling: false });
  const tenant = emu.tenants[0];
  if (tenant === undefined) throw new Error("the emulator seeded no tenant");
  const cloud = customCloud({
    name: "emulator",
    authorityHost: emu.loginUrl,
    graphEndpoint: emu.graphUrl,
    armEndpoint: emu.armUrl,
    knownAuthorities: tenant.knownAuthorities,
    ca: emu.caCertPem,
  });
  const clients: CiamClient[] = [];
  const logs: LogEntry[] = [];
  const logger = (entry: LogEntry) => logs.push(entry);
  const make = (clientId: string, clientSecret: string): CiamClient => {
    const client = createCiamClient({
      credential: clientSecretCredential({
        tenantId: tenant.tenantId,
        clientId,
        clientSecret,
        cloud,
        logger,
      }),
      logger,
      tenantId: tenant.tenantId,
      cloud,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    clients.push(client);
    return client;
  };
  return {
    emu,
    tenant,
    cloud,
    client: make(tenant.clientId, tenant.clientSecret),
    logs,
    limitedClient(name, permissions) {
      const state = emu.store.tenant(tenant.tenantId);
      if (state === undefined) throw new Error("no demo tenant");
      const app = seedDirectory(state, {
        seed: `limited:${name}`,
        apps: [{ displayName: name, graphPermissions: permissions }],
      }).apps[0];
      if (app?.secret == null) throw new Error("the limited app got no secret");
      return make(app.appId, app.secret);
    },
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await emu.stop();
    },
  };
}
