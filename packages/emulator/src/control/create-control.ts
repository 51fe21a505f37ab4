import type { EmulatorContext } from "../context.ts";
import { clearDns, publishDnsTxt, unpublishDnsTxt } from "../graph/dns-zone.ts";
import { findUserByUpn } from "../login/device-login-page.ts";
import type { Persistence } from "../persist/journal.ts";
import { restoreSnapshot, type Snapshot, SnapshotSchema, takeSnapshot } from "../persist/snapshot.ts";
import { B2C_DEMO_DOMAIN, seedB2cDemoTenant } from "../seed/b2c-seed.ts";
import { seedBulkUsers } from "../seed/bulk-users.ts";
import {
  demoConnection,
  demoIdentity,
  installDemoCertificate,
  seedDemoTenant,
  type TenantConnection,
} from "../seed/demo-seed.ts";
import { adoptWorkforceTenant, workforceConnection, workforceIdentity } from "../seed/workforce-seed.ts";
import type { CertificateAndKey } from "../server/tls.ts";
import { ControlError } from "./control-api.ts";
import type { EmulatorControl } from "./emulator-control.ts";

/** {@link EmulatorControl} plus what `startEmulator` needs at start. */
export interface ControlImpl extends EmulatorControl {
  /** Recognises a demo tenant loaded from the data dir and registers this run's certificate on it. */
  adoptDemo(): void;
}

/** Builds the control surface over an emulator's context. */
export function createControl(
  ctx: EmulatorContext,
  persistence: Persistence | undefined,
  demoCert: CertificateAndKey,
  defaultSeed: number,
): ControlImpl {
  /** Demo tenants by id, with the seed that made them. */
  const demos = new Map<string, number>();
  const compact = () => persistence?.compact(ctx.store, ctx.now());
  /** What lives beside the store (demo seeds, codes, refresh tokens, lag, throttling): gone with it. */
  const forgetSessions = () => {
    demos.clear();
    ctx.deviceCodes.clear();
    ctx.refreshTokens.clear();
    ctx.faults.clearLag();
    ctx.throttler.reset();
    ctx.arm.throttler.reset();
    clearDns(ctx.store);
  };

  const control: ControlImpl = {
    faults: ctx.faults,
    throttler: ctx.throttler,
    monitor: ctx.monitor,
    tenants() {
      const out: TenantConnection[] = [];
      for (const [tenantId, seed] of demos) {
        const tenant = ctx.store.tenant(tenantId);
        if (tenant !== undefined) out.push(demoConnection(tenant, seed, ctx.origins.login, demoCert));
      }
      return out;
    },
    workforce() {
      for (const seed of demos.values()) {
        const tenant = ctx.store.tenant(workforceIdentity(seed).tenantId);
        if (tenant !== undefined) return workforceConnection(tenant, seed, ctx.origins.login);
      }
      return undefined;
    },
    async reset(options = {}) {
      ctx.store.clear();
      forgetSessions();
      compact();
      if (options.empty !== true) await control.seedDemo(options.seed ?? defaultSeed);
    },
    async seedDemo(seed = defaultSeed) {
      const { tenantId } = demoIdentity(seed);
      if (
        ctx.store.tenant(tenantId) !== undefined ||
        ctx.store.tenant("contoso") !== undefined ||
        ctx.store.tenant("fabrikamhq") !== undefined
      ) {
        throw new ControlError(
          409,
          "Conflict",
          "A tenant named contoso or fabrikamhq already exists; reset first.",
        );
      }
      const tenant = seedDemoTenant(ctx.store, seed, demoCert);
      if (ctx.store.tenant(B2C_DEMO_DOMAIN) === undefined) seedB2cDemoTenant(ctx.store, seed);
      demos.set(tenant.info.id, seed);
      return demoConnection(tenant, seed, ctx.origins.login, demoCert);
    },
    seedUsers(tenantName, count, seed = 1) {
      const tenant = ctx.store.tenant(tenantName);
      if (tenant === undefined) throw new ControlError(404, "NotFound", `No tenant '${tenantName}'.`);
      return seedBulkUsers(tenant, count, seed).length;
    },
    snapshot(): Snapshot {
      return takeSnapshot(ctx.store, ctx.now());
    },
    restore(input) {
      // Validate before touching anything: a bad snapshot changes nothing.
      const snapshot = SnapshotSchema.parse(input);
      restoreSnapshot(ctx.store, snapshot);
      forgetSessions();
      control.adoptDemo();
      compact();
    },
    approveDeviceCode(userCode, userPrincipalName) {
      const nowMs = ctx.now().getTime();
      const auth = ctx.deviceCodes.byUserCode(userCode, nowMs);
      if (auth === undefined) return `No pending device code '${userCode}'.`;
      const tenant = ctx.store.tenant(auth.tenantId);
      const user = tenant === undefined ? undefined : findUserByUpn(tenant, userPrincipalName);
      if (user === undefined) return `No user '${userPrincipalName}' in the code's tenant.`;
      ctx.deviceCodes.approve(userCode, String(user.id), nowMs);
      return "approved";
    },
    pendingDeviceCodes() {
      return ctx.deviceCodes.pending(ctx.now().getTime()).map((a) => ({
        userCode: a.userCode,
        tenantId: a.tenantId,
        clientId: a.clientId,
        scope: a.scope,
        expiresAt: new Date(a.expiresAt).toISOString(),
      }));
    },
    publishDnsTxt(name, values) {
      publishDnsTxt(ctx.store, name, values);
    },
    unpublishDnsTxt(name) {
      unpublishDnsTxt(ctx.store, name);
    },
    adoptDemo() {
      const tenant = ctx.store.tenant(demoIdentity(defaultSeed).tenantId);
      if (tenant === undefined) return;
      demos.set(tenant.info.id, defaultSeed);
      installDemoCertificate(tenant, demoCert, ctx.now());
      const workforce = ctx.store.tenant(workforceIdentity(defaultSeed).tenantId);
      if (workforce !== undefined) adoptWorkforceTenant(workforce, defaultSeed);
    },
  };
  return control;
}
