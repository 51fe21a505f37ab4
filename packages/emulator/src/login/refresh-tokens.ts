import { randomBytes } from "node:crypto";

/**
 * What a refresh token stands for. Entra's refresh tokens are multi-resource: the grant is the
 * user's sign-in to a client, not to one resource, so it can be redeemed for Graph or ARM
 * (https://learn.microsoft.com/entra/identity-platform/refresh-tokens).
 */
export interface RefreshGrant {
  tenantId: string;
  clientId: string;
  userId: string;
  userPrincipalName: string;
  /** When the user signed in interactively; revocation (`signInSessionsValidFromDateTime`) compares this. */
  authTime: number;
  /** When this token was issued; its inactivity is counted from here. */
  issuedAt: number;
  expiresAt: number;
}

/** The outcome of looking a refresh token up. */
export type RefreshLookup =
  | { state: "unknown" }
  | { state: "expired"; grant: RefreshGrant }
  | { state: "valid"; grant: RefreshGrant };

/** Entra's default: a refresh token unused for 90 days expires (MaxInactiveTime). */
export const REFRESH_TOKEN_LIFETIME_S = 90 * 24 * 3600;

/**
 * The refresh tokens the token service issued, in memory (as device codes are): they are opaque
 * random strings, so a token from another emulator run is simply unknown. Redeeming one issues a
 * new one and leaves the old one valid until its own expiry, as Entra does for non-SPA clients.
 */
export class RefreshTokens {
  readonly #byToken = new Map<string, RefreshGrant>();
  readonly #lifetimeMs: number;

  constructor(lifetimeSeconds: number = REFRESH_TOKEN_LIFETIME_S) {
    this.#lifetimeMs = lifetimeSeconds * 1000;
  }

  /** The seconds a new token stays valid without use (`refresh_token_expires_in`). */
  get lifetimeSeconds(): number {
    return this.#lifetimeMs / 1000;
  }

  issue(grant: Omit<RefreshGrant, "issuedAt" | "expiresAt">, nowMs: number): string {
    this.#sweep(nowMs);
    // Entra's tokens start with a version digit and a dot; the rest is opaque to clients.
    const token = `1.${randomBytes(64).toString("base64url")}`;
    this.#byToken.set(token, { ...grant, issuedAt: nowMs, expiresAt: nowMs + this.#lifetimeMs });
    return token;
  }

  lookup(token: string, nowMs: number): RefreshLookup {
    const grant = this.#byToken.get(token);
    if (grant === undefined) return { state: "unknown" };
    if (grant.expiresAt <= nowMs) {
      this.#byToken.delete(token);
      return { state: "expired", grant };
    }
    return { state: "valid", grant };
  }

  clear(): void {
    this.#byToken.clear();
  }

  #sweep(nowMs: number): void {
    if (this.#byToken.size < 10_000) return;
    for (const [token, grant] of this.#byToken) if (grant.expiresAt <= nowMs) this.#byToken.delete(token);
  }
}
