import type { EmulatorContext } from "../context.ts";
import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";
import { AadstsError, aadsts } from "./aadsts.ts";
import { authenticateClient } from "./client-auth.ts";
import { signInWithServicePrincipal } from "./delegated-tokens.ts";

/** Entra's `d.hh:mm:ss` duration, as in AADSTS700082's "was inactive for 90.00:00:00". */
function timeSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(s / 86400)}.${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/**
 * The refresh token grant (`grant_type=refresh_token`): redeems a refresh token of a delegated
 * sign-in for an access token to any resource the user may reach (Graph after ARM, ARM after
 * Graph) and a new refresh token. Refusals use Entra's codes
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes): an unknown token
 * AADSTS9002313, another client's AADSTS70000, an expired one AADSTS700082, one issued before the
 * user's `signInSessionsValidFromDateTime` (revokeSignInSessions, password reset) AADSTS50173.
 */
export async function refreshTokenGrant(
  ctx: EmulatorContext,
  tenant: TenantState,
  app: JsonObject,
  sp: JsonObject | undefined,
  form: URLSearchParams,
  endpointAliases: readonly string[],
): Promise<{ body: JsonObject; resource: string; user: JsonObject }> {
  const clientId = form.get("client_id") as string;
  const refreshToken = form.get("refresh_token");
  if (refreshToken === null || refreshToken === "") throw aadsts.missingParameter("refresh_token");
  const scope = form.get("scope");
  if (scope === null || scope.trim() === "") throw aadsts.missingScope();
  const credential = {
    clientId,
    clientSecret: form.get("client_secret") ?? undefined,
    assertionType: form.get("client_assertion_type") ?? undefined,
    assertion: form.get("client_assertion") ?? undefined,
  };
  // A public client ("Allow public client flows") redeems without a credential; a confidential
  // client must still prove itself, as for any grant.
  const presented = credential.clientSecret !== undefined || credential.assertion !== undefined;
  if (presented || app.isFallbackPublicClient !== true) {
    await authenticateClient(tenant, app, credential, endpointAliases, ctx.replay, ctx.now());
  }
  const nowMs = ctx.now().getTime();
  const found = ctx.refreshTokens.lookup(refreshToken, nowMs);
  if (found.state === "unknown" || found.grant.tenantId !== tenant.info.id) {
    throw new AadstsError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
  }
  const grant = found.grant;
  if (found.state === "expired") {
    throw new AadstsError(
      400,
      "invalid_grant",
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${new Date(grant.issuedAt).toISOString()} and was inactive for ${timeSpan(grant.expiresAt - grant.issuedAt)}.`,
    );
  }
  if (grant.clientId.toLowerCase() !== clientId.toLowerCase()) {
    throw new AadstsError(
      400,
      "invalid_grant",
      70000,
      "The provided value for the input parameter 'refresh_token' or 'assertion' is not valid.",
    );
  }
  const user = tenant.collection("users").get(grant.userId);
  if (user === undefined) {
    throw new AadstsError(
      400,
      "invalid_grant",
      50034,
      `The user account ${grant.userPrincipalName} does not exist in the ${tenant.info.id} directory. To sign into this application, the account must be added to the directory.`,
    );
  }
  if (user.accountEnabled === false) {
    throw new AadstsError(400, "invalid_grant", 50057, "The user account is disabled.");
  }
  const validFrom =
    typeof user.signInSessionsValidFromDateTime === "string"
      ? Date.parse(user.signInSessionsValidFromDateTime)
      : Number.NaN;
  if (!Number.isNaN(validFrom) && grant.authTime <= validFrom) {
    throw new AadstsError(
      400,
      "invalid_grant",
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(grant.authTime).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(validFrom).toISOString()}'.`,
    );
  }
  return signInWithServicePrincipal(ctx, tenant, clientId, sp, {
    app,
    user,
    scope,
    authTime: grant.authTime,
    alwaysRefreshToken: true,
  });
}
