import { randomBytes, randomInt } from "node:crypto";

/** A pending device authorization (RFC 8628) as the token service tracks it. */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  tenantId: string;
  clientId: string;
  scope: string;
  createdAt: number;
  expiresAt: number;
  intervalMs: number;
  lastPollAt: number | null;
  approvedBy: string | null;
}

/** What a poll of the token endpoint learns about a device code. */
export type DevicePoll =
  | { state: "unknown" }
  | { state: "expired" }
  | { state: "slow_down" }
  | { state: "pending" }
  | { state: "approved"; authorization: DeviceAuthorization };

/** Letters Entra's user codes use: no vowels or look-alikes, so a code is easy to type. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";

/** Open device authorizations, by device code and by user code. */
export class DeviceCodes {
  readonly #byDevice = new Map<string, DeviceAuthorization>();
  readonly #byUser = new Map<string, DeviceAuthorization>();
  readonly #lifetimeMs: number;
  readonly #intervalMs: number;

  constructor(lifetimeSeconds: number, intervalSeconds: number) {
    this.#lifetimeMs = lifetimeSeconds * 1000;
    this.#intervalMs = intervalSeconds * 1000;
  }

  get intervalSeconds(): number {
    return this.#intervalMs / 1000;
  }

  get lifetimeSeconds(): number {
    return this.#lifetimeMs / 1000;
  }

  issue(tenantId: string, clientId: string, scope: string, nowMs: number): DeviceAuthorization {
    this.#sweep(nowMs);
    let userCode = "";
    do {
      userCode = Array.from(
        { length: 9 },
        () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)],
      ).join("");
    } while (this.#byUser.has(userCode));
    const auth: DeviceAuthorization = {
      deviceCode: randomBytes(48).toString("base64url"),
      userCode,
      tenantId,
      clientId,
      scope,
      createdAt: nowMs,
      expiresAt: nowMs + this.#lifetimeMs,
      intervalMs: this.#intervalMs,
      lastPollAt: null,
      approvedBy: null,
    };
    this.#byDevice.set(auth.deviceCode, auth);
    this.#byUser.set(userCode, auth);
    return auth;
  }

  /** The open authorization for a user code (case and dashes ignored), if it has not expired. */
  byUserCode(userCode: string, nowMs: number): DeviceAuthorization | undefined {
    const auth = this.#byUser.get(userCode.replace(/[\s-]/g, "").toUpperCase());
    return auth !== undefined && auth.expiresAt > nowMs ? auth : undefined;
  }

  /** Marks a user code approved by a user; false when it is unknown or expired. */
  approve(userCode: string, userId: string, nowMs: number): boolean {
    const auth = this.byUserCode(userCode, nowMs);
    if (auth === undefined) return false;
    auth.approvedBy = userId;
    return true;
  }

  /** Open (unexpired, unapproved) authorizations, for the control API. */
  pending(nowMs: number): DeviceAuthorization[] {
    return [...this.#byDevice.values()].filter((a) => a.expiresAt > nowMs && a.approvedBy === null);
  }

  /**
   * One poll of the token endpoint. Polling faster than `interval` answers `slow_down`
   * (RFC 8628 3.5); an approved code is redeemed once.
   */
  poll(deviceCode: string, clientId: string, nowMs: number): DevicePoll {
    const auth = this.#byDevice.get(deviceCode);
    if (auth === undefined || auth.clientId.toLowerCase() !== clientId.toLowerCase())
      return { state: "unknown" };
    if (auth.expiresAt <= nowMs) {
      this.#forget(auth);
      return { state: "expired" };
    }
    const last = auth.lastPollAt;
    auth.lastPollAt = nowMs;
    if (auth.approvedBy !== null) {
      this.#forget(auth);
      return { state: "approved", authorization: auth };
    }
    // A little slack: timers fire late more often than early, but never exactly on time.
    if (last !== null && nowMs - last < auth.intervalMs - 250) return { state: "slow_down" };
    return { state: "pending" };
  }

  clear(): void {
    this.#byDevice.clear();
    this.#byUser.clear();
  }

  #forget(auth: DeviceAuthorization): void {
    this.#byDevice.delete(auth.deviceCode);
    this.#byUser.delete(auth.userCode);
  }

  #sweep(nowMs: number): void {
    if (this.#byDevice.size < 1000) return;
    for (const auth of this.#byDevice.values()) if (auth.expiresAt <= nowMs) this.#forget(auth);
  }
}
