import type { EmulatorContext } from "../context.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import { AadstsError, aadsts } from "./aadsts.ts";
import { ACCESS_TOKEN_LIFETIME_S, ARM_AUDIENCE, GRAPH_AUDIENCE, signAccessToken } from "./access-token.ts";
import { issuerFor } from "./discovery.ts";
import { graphDelegatedScopes } from "./grants.ts";
import { parseScopes } from "./scopes.ts";

/** A user's sign-in to a client, ready to be turned into tokens. */
export interface DelegatedSignIn {
  app: JsonObject;
  /** The client's service principal id. */
  spId: string;
  user: JsonObject;
  /** The `scope` form field as sent (resource scopes plus OIDC ones such as `offline_access`). */
  scope: string;
  /** When the user signed in interactively (ms), carried by every refresh token of this sign-in. */
  authTime: number;
  /** Issue a refresh token even without `offline_access` (a refresh token grant always renews it). */
  alwaysRefreshToken?: boolean;
}

/** True when `scope` asks for a refresh token (the `offline_access` scope, any case). */
export function asksOfflineAccess(scope: string): boolean {
  return scope.split(/\s+/).some((s) => s.toLowerCase() === "offline_access");
}

/**
 * The token response of a delegated sign-in (device code or refresh token): an access token for
 * the one resource `scope` names with the consented `scp`, an id token and `client_info` (MSAL
 * builds its account from them), and a refresh token when `offline_access` was asked for.
 * Consent is checked at every issuance, so a revoked grant shows on the next refresh.
 */
export async function issueDelegatedTokens(
  ctx: EmulatorContext,
  tenant: TenantState,
  signIn: DelegatedSignIn,
): Promise<{ body: JsonObject; resource: string }> {
  const { app, user } = signIn;
  const clientId = String(app.appId);
  const scope = parseScopes(signIn.scope, false);
  // ARM has one delegated scope, user_impersonation, consented for every client signing in to it.
  const granted =
    scope.audience === GRAPH_AUDIENCE
      ? graphDelegatedScopes(tenant, signIn.spId, String(user.id))
      : scope.audience === ARM_AUDIENCE
        ? ["user_impersonation"]
        : [];
  const missing = scope.names.filter((n) => n !== ".default" && !granted.includes(n));
  if (missing.length > 0) {
    throw new AadstsError(
      400,
      "invalid_grant",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource. Missing: ${missing.join(" ")}.`,
    );
  }
  const now = ctx.now();
  const common = {
    iss: issuerFor(ctx.origins.login, tenant.info.id),
    tid: tenant.info.id,
    oid: String(user.id),
    sub: String(user.id),
    name: typeof user.displayName === "string" ? user.displayName : String(user.userPrincipalName),
    preferred_username: String(user.userPrincipalName),
  };
  const token = await signAccessToken(
    ctx.keys,
    {
      ...common,
      aud: scope.audience,
      appid: clientId,
      azp: clientId,
      ...(typeof app.displayName === "string" ? { app_displayname: app.displayName } : {}),
      idtyp: "user",
      upn: String(user.userPrincipalName),
      scp: granted.join(" "),
      appidacr: "0",
      azpacr: "0",
    },
    now,
  );
  // MSAL builds its account from the id token and client_info of a user sign-in.
  const idToken = await signAccessToken(ctx.keys, { ...common, aud: clientId } as never, now);
  const clientInfo = Buffer.from(JSON.stringify({ uid: String(user.id), utid: tenant.info.id })).toString(
    "base64url",
  );
  const refresh =
    signIn.alwaysRefreshToken === true || asksOfflineAccess(signIn.scope)
      ? {
          // No refresh_token_expires_in: Entra sends it to single-page apps only.
          refresh_token: ctx.refreshTokens.issue(
            {
              tenantId: tenant.info.id,
              clientId,
              userId: String(user.id),
              userPrincipalName: String(user.userPrincipalName),
              authTime: signIn.authTime,
            },
            now.getTime(),
          ),
        }
      : {};
  return {
    body: {
      ...tokenBody(token),
      scope: signIn.scope
        .split(/\s+/)
        .filter((s) => s !== "" && s.toLowerCase() !== "offline_access")
        .join(" "),
      ...refresh,
      id_token: idToken,
      client_info: clientInfo,
    },
    resource: scope.audience,
  };
}

/** The fields of every successful token response. */
export function tokenBody(token: string): JsonObject {
  return {
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: token,
  };
}

/**
 * A delegated sign-in by `clientId`, once the client has a service principal `sp` in the tenant
 * (AADSTS7000229 otherwise): its tokens, and the user they were issued to.
 */
export async function signInWithServicePrincipal(
  ctx: EmulatorContext,
  tenant: TenantState,
  clientId: string,
  sp: JsonObject | undefined,
  signIn: Omit<DelegatedSignIn, "spId">,
): Promise<{ body: JsonObject; resource: string; user: JsonObject }> {
  if (sp === undefined || typeof sp.id !== "string")
    throw aadsts.noServicePrincipal(clientId, tenant.info.id);
  const result = await issueDelegatedTokens(ctx, tenant, { ...signIn, spId: sp.id });
  return { ...result, user: signIn.user };
}
