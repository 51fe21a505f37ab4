import type { EmulatorContext } from "../context.ts";
import { type AccessTokenClaims, GRAPH_AUDIENCE } from "../login/access-token.ts";
import type { TenantState } from "../store/store.ts";
import type { Caller } from "./route.ts";

/** Graph's messages for a refused bearer token, by reason. */
const MESSAGES = {
  empty: "Access token is empty.",
  malformed: "Invalid JWT token. The token is not in a valid JWS compact format.",
  expired: "Lifetime validation failed, the token is expired.",
  signature: "Access token validation failure. Signature validation failed.",
  audience: "Access token validation failure. Invalid audience.",
  tenant: "Access token validation failure. The token's tenant does not exist.",
} as const;

/** The caller of a validated token, or Graph's reason to refuse it. */
export type AuthResult =
  | { ok: true; caller: Caller; tenant: TenantState; claims: AccessTokenClaims }
  | { ok: false; message: string };

/**
 * Validates `Authorization: Bearer …` for Graph: the emulator's signature, expiry, `aud` Graph and
 * `tid` a tenant the emulator hosts. Graph accepts its app id as audience too.
 */
export async function authenticateGraph(
  ctx: EmulatorContext,
  authorization: string | undefined,
): Promise<AuthResult> {
  const match = /^Bearer\s+(.*)$/i.exec(authorization ?? "");
  const token = match?.[1]?.trim() ?? "";
  const result = await ctx.verifier.verify(
    token,
    [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, "00000003-0000-0000-c000-000000000000"],
    ctx.now(),
  );
  if ("reason" in result) return { ok: false, message: MESSAGES[result.reason] };
  const tenant = ctx.store.tenant(result.tid);
  if (tenant === undefined) return { ok: false, message: MESSAGES.tenant };
  return { ok: true, caller: callerFrom(result), tenant, claims: result };
}

/** The `WWW-Authenticate` challenge Graph sends with a 401. */
export function graphChallenge(loginOrigin: string): string {
  return `Bearer realm="", authorization_uri="${loginOrigin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`;
}

function callerFrom(claims: AccessTokenClaims): Caller {
  const delegated = claims.idtyp === "user" || claims.scp !== undefined;
  return {
    kind: delegated ? "delegated" : "app",
    tenantId: claims.tid,
    appId: claims.appid ?? claims.azp,
    appDisplayName: claims.app_displayname ?? null,
    servicePrincipalId: delegated ? null : claims.oid,
    userId: delegated ? claims.oid : null,
    userPrincipalName: delegated ? (claims.upn ?? claims.preferred_username ?? null) : null,
    permissions: delegated ? (claims.scp ?? "").split(" ").filter((s) => s !== "") : (claims.roles ?? []),
  };
}
