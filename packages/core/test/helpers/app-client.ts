import { B2C_DEMO_APP_PERMISSIONS, b2cDemoConnection, seedDirectory } from "@ciamkit/emulator";
import { clientSecretCredential } from "../../src/auth/client-secret.ts";
import type { CiamClient } from "../../src/client.ts";
import { createCiamClient } from "../../src/client.ts";
import type { Logger } from "../../src/http/logger.ts";
import type { CoreEmulator } from "./emulator.ts";

/** A client for the demo B2C tenant's management app (custom policies and policy keys). */
export function b2cClient(e: CoreEmulator, logger?: Logger): CiamClient {
  const conn = b2cDemoConnection(e.emu.store, e.emu.loginUrl);
  if (conn === undefined) throw new Error("the emulator seeded no B2C tenant");
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: conn.tenantId,
      clientId: conn.clientId,
      clientSecret: conn.clientSecret,
      cloud: e.cloud,
    }),
    tenantId: conn.tenantId,
    cloud: e.cloud,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...(logger === undefined ? {} : { logger }),
  });
}

/** A client for a new app of the demo B2C tenant holding exactly `permissions`: for permission-failure tests. */
export function b2cClientWith(e: CoreEmulator, permissions: readonly string[]): CiamClient {
  const conn = b2cDemoConnection(e.emu.store, e.emu.loginUrl);
  const state = conn === undefined ? undefined : e.emu.store.tenant(conn.tenantId);
  if (conn === undefined || state === undefined) throw new Error("the emulator seeded no B2C tenant");
  const app = seedDirectory(state, {
    seed: `b2c-limited:${permissions.join(",")}`,
    apps: [{ displayName: `b2c only ${permissions.join(",") || "nothing"}`, graphPermissions: permissions }],
  }).apps[0];
  if (app?.secret == null) throw new Error("the limited B2C app got no secret");
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: conn.tenantId,
      clientId: app.appId,
      clientSecret: app.secret,
      cloud: e.cloud,
    }),
    tenantId: conn.tenantId,
    cloud: e.cloud,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}

/** An empty B2C tenant of its own (id, domain `<subdomain>.onmicrosoft.com`) with a management app like the demo one. */
export function emptyB2cTenant(e: CoreEmulator, id: string, subdomain: string): CiamClient {
  const tenant = e.emu.store.putTenant({
    id,
    kind: "b2c",
    displayName: subdomain,
    subdomain,
    defaultDomain: `${subdomain}.onmicrosoft.com`,
    createdDateTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  });
  const app = seedDirectory(tenant, {
    seed: subdomain,
    apps: [{ displayName: "management", graphPermissions: B2C_DEMO_APP_PERMISSIONS }],
  }).apps[0];
  if (app?.secret == null) throw new Error("the app got no secret");
  return createCiamClient({
    credential: clientSecretCredential({
      tenantId: tenant.info.id,
      clientId: app.appId,
      clientSecret: app.secret,
      cloud: e.cloud,
    }),
    tenantId: tenant.info.id,
    cloud: e.cloud,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
}
