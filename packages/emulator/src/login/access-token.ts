import { randomUUID } from "node:crypto";
import { errors, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { SigningKeys } from "./signing-keys.ts";

/** Lifetime Entra gives access tokens by default; MSAL treats anything under 300 s as expired. */
export const ACCESS_TOKEN_LIFETIME_S = 3599;

/** The resources a token can be for, by `aud`. */
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
/** `aud` of Azure Resource Manager tokens (with the trailing slash ARM uses). */
export const ARM_AUDIENCE = "https://management.azure.com/";

/** Claims the emulator puts in an access token (api-surface 11.9). */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  azp: string;
  app_displayname?: string;
  oid: string;
  sub: string;
  idtyp: "app" | "user";
  roles?: string[];
  scp?: string;
  upn?: string;
  preferred_username?: string;
  name?: string;
  appidacr?: "0" | "1" | "2";
  azpacr?: "0" | "1" | "2";
  iat: number;
  nbf: number;
  exp: number;
  ver: "2.0";
  uti: string;
}

/** Signs an access token (RS256, `kid` of the emulator's key). */
export async function signAccessToken(
  keys: SigningKeys,
  claims: Omit<AccessTokenClaims, "iat" | "nbf" | "exp" | "ver" | "uti">,
  now: Date,
  lifetimeSeconds = ACCESS_TOKEN_LIFETIME_S,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const payload: AccessTokenClaims = {
    ...claims,
    iat,
    nbf: iat,
    exp: iat + lifetimeSeconds,
    ver: "2.0",
    uti: randomUUID().replaceAll("-", "").slice(0, 22),
  };
  return new SignJWT(payload as unknown as JWTPayload)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keys.kid })
    .sign(keys.privateKey);
}

/** Why a bearer token was refused, in the words Graph uses. */
export type TokenRejection = {
  reason: "empty" | "malformed" | "expired" | "signature" | "audience" | "tenant";
};

/**
 * Verifies an access token the emulator issued: RS256 signature against its own key, `exp`/`nbf`
 * (with the clock Graph uses, no leeway beyond 5 minutes), and `aud` one of `audiences`.
 * Verified tokens are remembered until expiry, so a hot token costs one map lookup.
 */
export class AccessTokenVerifier {
  readonly #keys: SigningKeys;
  readonly #cache = new Map<string, AccessTokenClaims>();

  constructor(keys: SigningKeys) {
    this.#keys = keys;
  }

  async verify(
    token: string,
    audiences: readonly string[],
    now: Date,
  ): Promise<AccessTokenClaims | TokenRejection> {
    if (token === "") return { reason: "empty" };
    const nowS = Math.floor(now.getTime() / 1000);
    let claims = this.#cache.get(token);
    if (claims === undefined) {
      if (token.split(".").length !== 3) return { reason: "malformed" };
      try {
        const result = await jwtVerify(token, this.#keys.publicKey, {
          algorithms: ["RS256"],
          currentDate: now,
          clockTolerance: 300,
        });
        claims = result.payload as unknown as AccessTokenClaims;
      } catch (err) {
        if (err instanceof errors.JWTExpired) return { reason: "expired" };
        if (err instanceof errors.JWSSignatureVerificationFailed) return { reason: "signature" };
        if (err instanceof errors.JOSEError) return { reason: "malformed" };
        throw err;
      }
      if (this.#cache.size >= 10_000) this.#cache.clear();
      this.#cache.set(token, claims);
    }
    if (claims.exp + 300 <= nowS) {
      this.#cache.delete(token);
      return { reason: "expired" };
    }
    if (!audiences.includes(claims.aud)) return { reason: "audience" };
    return claims;
  }
}
