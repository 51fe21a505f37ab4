import type { EmulatorContext } from "../context.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import { AadstsError, aadsts } from "./aadsts.ts";
import { GRAPH_AUDIENCE, signAccessToken } from "./access-token.ts";
import { authenticateClient, type ClientAuthMethod } from "./client-auth.ts";
import { signInWithServicePrincipal, tokenBody } from "./delegated-tokens.ts";
import { issuerFor } from "./discovery.ts";
import { findByAppId, graphAppRoles } from "./grants.ts";
import { nativePasswordGrant } from "./native-auth.ts";
import { refreshTokenGrant } from "./refresh-token-grant.ts";
import { parseScopes } from "./scopes.ts";
import { recordSignIn } from "./sign-in-log.ts";

/** RFC 8628's grant type, and the short form MSAL sends (Entra accepts both). */
const DEVICE_CODE_GRANTS = new Set(["urn:ietf:params:oauth:grant-type:device_code", "device_code"]);

/** Who asked for a token, for the sign-in log. */
export interface TokenRequestInfo {
  correlationId: string;
  ipAddress: string;
  userAgent: string | null;
  /** The token endpoint URL as the client addressed it (a client assertion's `aud`). */
  endpointUrl: string;
}

/**
 * `POST /{tenant}/oauth2/v2.0/token`: the client credentials grant (secret or certificate
 * assertion), the device code grant and the refresh token grant. Returns the token response body or throws an
 * {@link AadstsError}; every outcome for a known application is written to `signIns`.
 */
export async function tokenEndpoint(
  ctx: EmulatorContext,
  tenant: TenantState,
  form: URLSearchParams,
  info: TokenRequestInfo,
): Promise<JsonObject> {
  const grant = form.get("grant_type");
  if (grant === null) throw aadsts.missingParameter("grant_type");
  const clientId = form.get("client_id");
  if (clientId === null || clientId === "") throw aadsts.missingParameter("client_id");
  const app = findByAppId(tenant.collection("applications"), clientId);
  if (app === undefined) throw aadsts.appNotFound(clientId, tenant.info.id);
  const sp = findByAppId(tenant.collection("servicePrincipals"), clientId);
  const appName = typeof app.displayName === "string" ? app.displayName : null;
  const log = (
    resource: string,
    errorCode: number,
    reason?: string,
    user?: JsonObject,
    interactive = user !== undefined,
  ) =>
    recordSignIn(
      tenant,
      {
        appId: clientId,
        appDisplayName: appName,
        servicePrincipalId: typeof sp?.id === "string" ? sp.id : null,
        resource,
        correlationId: info.correlationId,
        user:
          user === undefined
            ? undefined
            : {
                id: String(user.id),
                displayName: typeof user.displayName === "string" ? user.displayName : null,
                userPrincipalName: String(user.userPrincipalName),
              },
        interactive,
        errorCode,
        ...(reason === undefined ? {} : { failureReason: reason }),
        ipAddress: info.ipAddress,
        userAgent: info.userAgent,
      },
      ctx.now(),
    );
  try {
    if (grant === "client_credentials") {
      const result = await clientCredentials(ctx, tenant, app, sp, form, info);
      log(result.resource, 0);
      return result.body;
    }
    if (DEVICE_CODE_GRANTS.has(grant)) {
      const result = await deviceCode(ctx, tenant, app, sp, form);
      if (result.user !== undefined) log(result.resource, 0, undefined, result.user);
      return result.body;
    }
    if (grant === "password" && form.has("continuation_token")) {
      // Native authentication's last step; the plain ROPC grant stays unsupported.
      const result = await nativePasswordGrant(ctx, tenant, sp, form, info);
      const failure = result.failure;
      log(result.resource, failure?.code ?? 0, failure?.message, result.user);
      return result.body;
    }
    if (grant === "refresh_token") {
      const aliases = tokenEndpointAliases(ctx.origins.login, tenant, info.endpointUrl);
      const result = await refreshTokenGrant(ctx, tenant, app, sp, form, aliases);
      log(result.resource, 0, undefined, result.user, false);
      return result.body;
    }
    throw aadsts.unsupportedGrant(grant);
  } catch (err) {
    // A pending device code is not a sign-in; every other refusal is, as Entra logs failures.
    if (err instanceof AadstsError && !["authorization_pending", "slow_down"].includes(err.error)) {
      const user = err.signInUser as JsonObject | undefined;
      log(form.get("scope") ?? GRAPH_AUDIENCE, err.code, err.message, user, user !== undefined);
    }
    throw err;
  }
}

async function clientCredentials(
  ctx: EmulatorContext,
  tenant: TenantState,
  app: JsonObject,
  sp: JsonObject | undefined,
  form: URLSearchParams,
  info: TokenRequestInfo,
): Promise<{ body: JsonObject; resource: string }> {
  const clientId = form.get("client_id") as string;
  const scope = parseScopes(form.get("scope"), true);
  const method: ClientAuthMethod = await authenticateClient(
    tenant,
    app,
    {
      clientId,
      clientSecret: form.get("client_secret") ?? undefined,
      assertionType: form.get("client_assertion_type") ?? undefined,
      assertion: form.get("client_assertion") ?? undefined,
    },
    tokenEndpointAliases(ctx.origins.login, tenant, info.endpointUrl),
    ctx.replay,
    ctx.now(),
  );
  if (sp === undefined || typeof sp.id !== "string" || sp.accountEnabled === false) {
    throw aadsts.noServicePrincipal(clientId, tenant.info.id);
  }
  const roles = scope.audience === GRAPH_AUDIENCE ? graphAppRoles(tenant, sp.id) : [];
  const token = await signAccessToken(
    ctx.keys,
    {
      aud: scope.audience,
      iss: issuerFor(ctx.origins.login, tenant.info.id),
      tid: tenant.info.id,
      appid: clientId,
      azp: clientId,
      ...(typeof app.displayName === "string" ? { app_displayname: app.displayName } : {}),
      oid: sp.id,
      sub: sp.id,
      idtyp: "app",
      ...(roles.length > 0 ? { roles } : {}),
      appidacr: method,
      azpacr: method,
    },
    ctx.now(),
  );
  return { body: tokenBody(token), resource: scope.audience };
}

async function deviceCode(
  ctx: EmulatorContext,
  tenant: TenantState,
  app: JsonObject,
  sp: JsonObject | undefined,
  form: URLSearchParams,
): Promise<{ body: JsonObject; resource: string; user?: JsonObject }> {
  const clientId = form.get("client_id") as string;
  const code = form.get("device_code");
  if (code === null) throw aadsts.missingParameter("device_code");
  const poll = ctx.deviceCodes.poll(code, clientId, ctx.now().getTime());
  switch (poll.state) {
    case "unknown":
      throw aadsts.badDeviceCode();
    case "expired":
      throw aadsts.expiredDeviceCode();
    case "slow_down":
      throw aadsts.slowDown();
    case "pending":
      throw aadsts.authorizationPending();
  }
  const auth = poll.authorization;
  const user = tenant.collection("users").get(auth.approvedBy as string);
  if (user === undefined || user.accountEnabled === false) throw aadsts.badDeviceCode();
  return signInWithServicePrincipal(ctx, tenant, clientId, sp, {
    app,
    user,
    scope: auth.scope,
    authTime: ctx.now().getTime(),
  });
}

/** Every URL by which the tenant's token endpoint can be named: a client assertion's `aud` may use any. */
function tokenEndpointAliases(loginOrigin: string, tenant: TenantState, asRequested: string): string[] {
  const names = [tenant.info.id, tenant.info.defaultDomain, tenant.info.subdomain];
  return [asRequested, ...names.map((n) => `${loginOrigin}/${n}/oauth2/v2.0/token`)];
}
