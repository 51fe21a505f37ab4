import { createRemoteJWKSet, customFetch, errors, type JWTPayload, jwtVerify } from "jose";

/**
 * The caller of every custom authentication extension: Microsoft's "custom authentication extensions"
 * service app ("Secure your REST API used by custom authentication extensions", Microsoft Learn). Its
 * app id is the token's `azp` (v2 tokens) or `appid` (v1).
 */
export const CUSTOM_EXTENSIONS_CALLER_APP_ID = "99045fe1-7639-4a75-9d4a-577b6ca3810f";

/** Where the tenant's signing keys come from and what a token must say. */
export interface BearerTokenRules {
  tenantId: string;
  discoveryUrl: string;
  jwksUrl: string | undefined;
  issuer: string[] | undefined;
  audience: string[];
  authorizedParty: string[];
  clockToleranceSeconds: number;
  fetch: typeof fetch;
}

/** The token could not be checked because the tenant's keys could not be read: not the caller's fault. */
export class KeysUnavailableError extends Error {
  override readonly name = "KeysUnavailableError";
}

/** The token is not acceptable; `reason` is for the logger only. */
export class InvalidTokenError extends Error {
  override readonly name = "InvalidTokenError";
}

interface Keys {
  jwks: ReturnType<typeof createRemoteJWKSet>;
  issuer: string[];
}

/** The checked claims of an accepted token. */
export interface AcceptedToken {
  /** `jti`, else `uti`: what the replay store remembers. */
  id: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  payload: JWTPayload;
}

/**
 * Checks bearer tokens against the tenant's published keys: RS256 signature, issuer, audience,
 * caller app, expiry (with a small tolerance). The discovery document is read once, on first use
 * (again after a failure); jose refetches the key set when a token names an unknown `kid`.
 */
export function bearerTokenChecker(
  rules: BearerTokenRules,
): (token: string, budgetMs: number) => Promise<AcceptedToken> {
  let keys: Promise<Keys> | undefined;
  const loadKeys = async (budgetMs: number): Promise<Keys> => {
    let jwksUrl = rules.jwksUrl;
    let issuer = rules.issuer;
    if (jwksUrl === undefined || issuer === undefined) {
      const response = await rules
        .fetch(rules.discoveryUrl, {
          signal: AbortSignal.timeout(budgetMs),
          headers: { accept: "application/json" },
        })
        .catch((error: unknown) => {
          throw new KeysUnavailableError(`discovery document unreachable: ${(error as Error).message}`);
        });
      if (!response.ok) throw new KeysUnavailableError(`discovery document answered ${response.status}`);
      const document = (await response.json().catch(() => ({}))) as { jwks_uri?: unknown; issuer?: unknown };
      if (typeof document.jwks_uri !== "string" || typeof document.issuer !== "string") {
        throw new KeysUnavailableError("discovery document has no jwks_uri or issuer");
      }
      jwksUrl ??= document.jwks_uri;
      // Entra's multi-tenant documents write {tenantid} in the issuer.
      issuer ??= [document.issuer.replace("{tenantid}", rules.tenantId)];
    }
    const jwks = createRemoteJWKSet(new URL(jwksUrl), {
      timeoutDuration: budgetMs,
      [customFetch]: (url: string, init: RequestInit) => rules.fetch(url, init),
    });
    return { jwks, issuer };
  };

  return async (token, budgetMs) => {
    keys ??= loadKeys(budgetMs);
    const current = await keys.catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, current.jwks, {
        algorithms: ["RS256"],
        issuer: current.issuer,
        audience: rules.audience,
        clockTolerance: rules.clockToleranceSeconds,
        requiredClaims: ["exp", "iat"],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw new KeysUnavailableError("key set timed out");
      // jose's plain JOSEError: the key set answered something other than a 200 JSON key set.
      if (error instanceof errors.JOSEError && error.code === "ERR_JOSE_GENERIC") {
        throw new KeysUnavailableError(`key set unusable: ${error.message}`);
      }
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(error.code);
      if (error instanceof TypeError || (error as Error).name === "AbortError") {
        throw new KeysUnavailableError(`key set unreachable: ${(error as Error).message}`);
      }
      throw new InvalidTokenError("unreadable token");
    }
    const caller = typeof payload.azp === "string" ? payload.azp : payload.appid;
    if (typeof caller !== "string" || !rules.authorizedParty.includes(caller)) {
      throw new InvalidTokenError("caller app (azp/appid) not allowed");
    }
    if (typeof payload.tid === "string" && payload.tid.toLowerCase() !== rules.tenantId) {
      throw new InvalidTokenError("token of another tenant");
    }
    const id = typeof payload.jti === "string" ? payload.jti : payload.uti;
    if (typeof id !== "string" || id === "") throw new InvalidTokenError("token has no jti or uti");
    return { id, expiresAt: (payload.exp ?? 0) * 1000, payload };
  };
}
