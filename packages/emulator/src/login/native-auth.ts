import type { EmulatorContext } from "../context.ts";
import { userIndex } from "../graph/routes/user-index.ts";
import { checkPassword } from "../graph/routes/user-validation.ts";
import { COLLECTIONS } from "../store/collection-names.ts";
import type { JsonObject } from "../store/json.ts";
import { hashSecret, type SecretHash, verifySecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";
import { AadstsError, aadsts } from "./aadsts.ts";
import { continuationTokens, type NativeFlow, type NativeStage } from "./continuation-tokens.ts";
import { signInWithServicePrincipal } from "./delegated-tokens.ts";
import { applyMigration, pendingMigration, submitPassword } from "./password-submit.ts";

/**
 * Native authentication, sign-in with email and password
 * (https://learn.microsoft.com/entra/identity-platform/reference-native-authentication-api):
 * `/oauth2/v2.0/initiate` → `/oauth2/v2.0/challenge` → `/oauth2/v2.0/token` (grant_type password),
 * each step handing on a continuation token. Only external tenants' apps with
 * `nativeAuthenticationApisEnabled: all` and public client flows may use it.
 */

/** Who is calling and from where, for the sign-in log and the extension call. */
export interface NativeRequestInfo {
  correlationId: string;
  ipAddress: string;
}

const REDIRECT: JsonObject = { challenge_type: "redirect" };

/** The app, when it may use native authentication (`invalid_client` / `nativeauthapi_disabled` otherwise). */
export function nativeApp(tenant: TenantState, form: URLSearchParams): JsonObject {
  const clientId = form.get("client_id");
  if (clientId === null || clientId === "") throw aadsts.missingParameter("client_id");
  if (tenant.info.kind !== "external") {
    throw new AadstsError(
      400,
      "invalid_request",
      901007,
      "Native authentication is available in external tenants only; use a browser-based flow with MSAL.",
    );
  }
  const app = [...tenant.collection(COLLECTIONS.applications).values()].find(
    (a) => String(a.appId).toLowerCase() === clientId.toLowerCase(),
  );
  if (app === undefined) throw aadsts.appNotFound(clientId, tenant.info.id);
  if (app.nativeAuthenticationApisEnabled !== "all" || app.isFallbackPublicClient !== true) {
    throw new AadstsError(
      400,
      "invalid_client",
      901007,
      `Application '${clientId}' is not enabled for native authentication: set nativeAuthenticationApisEnabled to 'all' and isFallbackPublicClient to true on the registration.`,
      { suberror: "nativeauthapi_disabled" },
    );
  }
  return app;
}

/** The `challenge_type` list: must name `redirect` (unsupported_challenge_type otherwise). */
function challengeTypes(form: URLSearchParams, required: boolean): Set<string> | undefined {
  const raw = form.get("challenge_type");
  if (raw === null || raw.trim() === "") {
    if (required) throw aadsts.missingParameter("challenge_type");
    return undefined;
  }
  const types = new Set(raw.split(/\s+/).filter((t) => t !== ""));
  for (const t of types) {
    if (!["password", "oob", "redirect"].includes(t)) {
      throw new AadstsError(400, "invalid_request", 901007, `The challenge_type '${t}' is not supported.`);
    }
  }
  if (!types.has("redirect")) {
    throw new AadstsError(
      400,
      "unsupported_challenge_type",
      901007,
      "The challenge_type list parameter does not include the 'redirect' type.",
    );
  }
  return types;
}

/** The customer account a sign-in name (email or user name) or UPN names. */
function findCustomer(tenant: TenantState, username: string): JsonObject | undefined {
  const users = tenant.collection(COLLECTIONS.users);
  const index = userIndex(users);
  const id = index.byIdentity(tenant.info.defaultDomain, username) ?? index.byUpn(username);
  return id === undefined ? undefined : users.get(id);
}

const hasPassword = (tenant: TenantState, user: JsonObject): boolean =>
  tenant.collection(COLLECTIONS.userPasswords).has(String(user.id));

/** `POST /{tenant}/oauth2/v2.0/initiate`: a continuation token for a known user, or redirect. */
export function initiate(ctx: EmulatorContext, tenant: TenantState, form: URLSearchParams): JsonObject {
  const app = nativeApp(tenant, form);
  const types = challengeTypes(form, true) as Set<string>;
  const username = form.get("username");
  if (username === null || username === "") throw aadsts.missingParameter("username");
  const user = findCustomer(tenant, username);
  if (user === undefined) {
    throw new AadstsError(400, "user_not_found", 50034, "The user account does not exist in the directory.");
  }
  // A federated-only account, or an app that cannot take a password, goes to the browser.
  if (!types.has("password") || !hasPassword(tenant, user)) return REDIRECT;
  const token = continuationTokens(ctx).issue(
    { tenantId: tenant.info.id, clientId: String(app.appId), userId: String(user.id), stage: "initiated" },
    ctx.now().getTime(),
  );
  return { continuation_token: token };
}

/**
 * Consumes `continuation_token`, which must stand at `stage`: invalid_grant when unknown, reused or
 * from another step, expired_token when expired.
 */
function takeFlow(
  ctx: EmulatorContext,
  tenant: TenantState,
  app: JsonObject,
  form: URLSearchParams,
  stage: NativeStage,
): NativeFlow {
  const token = form.get("continuation_token");
  if (token === null || token === "") throw aadsts.missingParameter("continuation_token");
  const flow = continuationTokens(ctx).take(token, tenant.info.id, String(app.appId), ctx.now().getTime());
  if (flow === "expired")
    throw new AadstsError(400, "expired_token", 552003, "The continuation_token is expired.");
  if (flow === "unknown" || flow.stage !== stage)
    throw new AadstsError(
      400,
      "invalid_grant",
      901007,
      "The continuation_token is not valid for this endpoint.",
    );
  return flow;
}

/** `POST /{tenant}/oauth2/v2.0/challenge`: selects the password challenge. */
export function challenge(ctx: EmulatorContext, tenant: TenantState, form: URLSearchParams): JsonObject {
  const app = nativeApp(tenant, form);
  const types = challengeTypes(form, false);
  const flow = takeFlow(ctx, tenant, app, form, "initiated");
  if (types !== undefined && !types.has("password")) return REDIRECT;
  const token = continuationTokens(ctx).issue({ ...flow, stage: "password" }, ctx.now().getTime());
  return { continuation_token: token, challenge_type: "password" };
}

const wrongPassword = () =>
  new AadstsError(
    400,
    "invalid_grant",
    50126,
    "Error validating credentials due to invalid username or password.",
  );

/**
 * `POST /{tenant}/oauth2/v2.0/token` with `grant_type=password` and a continuation token: checks the
 * password (through the onPasswordSubmit extension for a user still flagged for migration) and
 * issues tokens. Returns the token body, or the redirect answer for UpdatePassword.
 */
export async function nativePasswordGrant(
  ctx: EmulatorContext,
  tenant: TenantState,
  sp: JsonObject | undefined,
  form: URLSearchParams,
  info: NativeRequestInfo,
): Promise<{ body: JsonObject; resource: string; user: JsonObject; failure?: AadstsError }> {
  const app = nativeApp(tenant, form);
  const flow = takeFlow(ctx, tenant, app, form, "password");
  const password = form.get("password");
  if (password === null || password === "") throw aadsts.missingParameter("password");
  const scope = form.get("scope");
  if (scope === null || scope.trim() === "") throw aadsts.missingScope();
  const user = tenant.collection(COLLECTIONS.users).get(flow.userId);
  if (user === undefined)
    throw new AadstsError(400, "user_not_found", 50034, "The user account does not exist in the directory.");
  try {
    return await checkAndIssue(ctx, tenant, app, sp, user, password, scope, info);
  } catch (err) {
    // The sign-in log names the user of a refused attempt.
    if (err instanceof AadstsError) err.signInUser = user;
    throw err;
  }
}

async function checkAndIssue(
  ctx: EmulatorContext,
  tenant: TenantState,
  app: JsonObject,
  sp: JsonObject | undefined,
  found: JsonObject,
  password: string,
  scope: string,
  info: NativeRequestInfo,
): Promise<{ body: JsonObject; resource: string; user: JsonObject; failure?: AadstsError }> {
  let user = found;
  if (user.accountEnabled === false)
    throw new AadstsError(400, "invalid_grant", 50057, "The user account is disabled.");
  const pending = pendingMigration(tenant, String(app.appId), user);
  if (pending === undefined) {
    const stored = tenant.collection(COLLECTIONS.userPasswords).get(String(user.id));
    if (stored === undefined || !verifySecret(password, stored as unknown as SecretHash))
      throw wrongPassword();
  } else {
    const call = { tenant, app, user, correlationId: info.correlationId, ipAddress: info.ipAddress };
    const outcome = await submitPassword(ctx, call, pending, password);
    if (outcome.kind === "failed")
      throw new AadstsError(400, "invalid_request", outcome.code, outcome.reason);
    if (outcome.kind === "retry") throw wrongPassword();
    if (outcome.kind === "block") {
      const said = [outcome.title, outcome.message].filter((s) => s !== null).join(": ");
      throw new AadstsError(
        400,
        "invalid_grant",
        50053,
        `Sign-in was blocked by the password migration extension${said === "" ? "." : `: ${said}`}`,
      );
    }
    // MigratePassword with a password Entra's policy refuses routes the user to a password change, as UpdatePassword.
    const weak = outcome.kind === "migrate" && !meetsPolicy(password, user);
    if (outcome.kind === "update" || weak) {
      const reason = "The user must change their password.";
      return {
        body: { challenge_type: "redirect", redirect_reason: reason },
        resource: "https://graph.microsoft.com",
        user,
        failure: new AadstsError(400, "invalid_grant", 50055, reason),
      };
    }
    user = applyMigration(ctx, call, String(pending.handler.migrationPropertyId), {
      ...hashSecret(password),
    });
  }
  const resourceScope = scope
    .split(/\s+/)
    .some((s) => s !== "" && !["openid", "profile", "email", "offline_access"].includes(s.toLowerCase()));
  return signInWithServicePrincipal(ctx, tenant, String(app.appId), sp, {
    app,
    user,
    // Only OIDC scopes: Entra issues the access token for Microsoft Graph.
    scope: resourceScope ? scope : `${scope} https://graph.microsoft.com/.default`,
    authTime: ctx.now().getTime(),
  });
}

function meetsPolicy(password: string, user: JsonObject): boolean {
  try {
    checkPassword(password, (user.passwordPolicies ?? null) as string | null);
    return true;
  } catch {
    return false;
  }
}
