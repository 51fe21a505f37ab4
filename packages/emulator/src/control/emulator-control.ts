import type { Snapshot } from "../persist/snapshot.ts";
import type { FaultInjector } from "../policy/faults.ts";
import type { Throttler } from "../policy/throttling.ts";
import type { TenantConnection } from "../seed/demo-seed.ts";
import type { WorkforceConnection } from "../seed/workforce-seed.ts";
import type { Monitor } from "./monitor.ts";

/** A device code waiting for approval, as the control API lists it (the device code itself stays private). */
export interface PendingDeviceCode {
  userCode: string;
  tenantId: string;
  clientId: string;
  scope: string;
  expiresAt: string;
}

/**
 * The emulator's control surface, used by the `/_emulator/*` HTTP API and returned by
 * `startEmulator` for in-process use.
 */
export interface EmulatorControl {
  /** Connection details of every tenant the demo seed made (empty when there is none). */
  tenants(): TenantConnection[];
  /** The demo seed's workforce tenant (subscription, resource group, admin with Owner), if seeded. */
  workforce(): WorkforceConnection | undefined;
  /** Empties the store (and the data dir), then seeds the demo tenant unless `empty`. */
  reset(options?: { seed?: number | undefined; empty?: boolean | undefined }): Promise<void>;
  /** Adds the demo tenant for a seed; 409 when a tenant with its id or name exists. */
  seedDemo(seed?: number | undefined): Promise<TenantConnection>;
  /** Adds `count` customer accounts to a tenant (id, domain or subdomain); returns how many. */
  seedUsers(tenant: string, count: number, seed?: number): number;
  snapshot(): Snapshot;
  /** Replaces the whole state with a snapshot (validated first: a bad one changes nothing). */
  restore(snapshot: unknown): void;
  /** Approves a pending device code for a user of its tenant, as the sign-in page does. */
  approveDeviceCode(userCode: string, userPrincipalName: string): "approved" | string;
  pendingDeviceCodes(): PendingDeviceCode[];
  /**
   * Publishes TXT records at a DNS name for domain verification (`POST /domains/{id}/verify`), which
   * never asks the real DNS: the given `values` (`MS=ms12345678`), or without them whatever record a
   * tenant asks for. In memory: a reset or restart forgets them.
   */
  publishDnsTxt(name: string, values?: readonly string[]): void;
  /** Removes a DNS name's TXT records. */
  unpublishDnsTxt(name: string): void;
  readonly faults: FaultInjector;
  readonly throttler: Throttler;
  readonly monitor: Monitor;
}
