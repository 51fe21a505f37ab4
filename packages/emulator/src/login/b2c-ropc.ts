import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { EmulatorContext } from "../context.ts";
import { userIndex } from "../graph/routes/user-index.ts";
import { type HttpReply, jsonReply } from "../server/http.ts";
import { COLLECTIONS } from "../store/collection-names.ts";
import type { JsonObject } from "../store/json.ts";
import { type SecretHash, verifySecret } from "../store/secrets.ts";
import type { TenantState } from "../store/store.ts";
import { findByAppId } from "./grants.ts";
import { recordSignIn } from "./sign-in-log.ts";

/**
 * User flows (`B2C_1_…`) and custom policies (`B2C_1A_…`) by name. The emulator does not model B2C
 * user flows, so any ROPC policy name of that form is accepted.
 */
const POLICY_NAME = /^b2c_1a?_[a-z0-9_.-]+$/i;
const LIFETIME_S = 3600;

/** Who asked, for the sign-in log. */
export interface RopcRequestInfo {
  correlationId: string;
  ipAddress: string;
  userAgent: string | null;
}

/** A B2C error body: `error` and an `AADB2C…` description with the correlation id and time. */
function b2cError(error: string, description: string, info: RopcRequestInfo, now: Date): HttpReply {
  return jsonReply(
    400,
    {
      error,
      error_description: `${description}\r\nCorrelation ID: ${info.correlationId}\r\nTimestamp: ${now.toISOString().slice(0, 19).replace("T", " ")}Z\r\n`,
    },
    { "cache-control": "no-store, no-cache", pragma: "no-cache" },
  );
}

/** A local account of the B2C tenant by sign-in name (emailAddress or userName identity). */
function localAccount(tenant: TenantState, username: string): JsonObject | undefined {
  const users = tenant.collection(COLLECTIONS.users);
  const id = userIndex(users).byIdentity(tenant.info.defaultDomain, username);
  const user = id === undefined ? undefined : users.get(id);
  const local = (user?.identities as JsonObject[] | undefined)?.some(
    (i) =>
      /^(emailAddress|userName)$/.test(String(i.signInType)) &&
      String(i.issuerAssignedId).toLowerCase() === username.toLowerCase(),
  );
  return local === true ? user : undefined;
}

/**
 * The B2C resource owner password credentials flow
 * (https://learn.microsoft.com/azure/active-directory-b2c/add-ropc-policy):
 * `POST /{tenant}/{policy}/oauth2/v2.0/token` with grant_type=password, username, password,
 * client_id (a public client of the tenant) and scope. Answers with an id token and an access token
 * for the client, or `invalid_grant` with AADB2C90225 for a wrong sign-in name or password.
 */
export async function b2cRopc(
  ctx: EmulatorContext,
  tenant: TenantState,
  policy: string,
  form: URLSearchParams,
  info: RopcRequestInfo,
): Promise<HttpReply> {
  const now = ctx.now();
  if (tenant.info.kind !== "b2c") {
    return jsonReply(404, {
      error: "not_found",
      error_description: "The requested endpoint does not exist.",
    });
  }
  if (!POLICY_NAME.test(policy)) {
    return b2cError(
      "invalid_request",
      `AADB2C90008: The policy name '${policy}' is not a user flow (B2C_1_…) or custom policy (B2C_1A_…) name.`,
      info,
      now,
    );
  }
  const grant = form.get("grant_type");
  if (grant !== "password") {
    return b2cError(
      "unsupported_grant_type",
      `AADB2C90086: The supplied grant_type [${grant ?? ""}] is not supported.`,
      info,
      now,
    );
  }
  const clientId = form.get("client_id") ?? "";
  const app =
    clientId === "" ? undefined : findByAppId(tenant.collection(COLLECTIONS.applications), clientId);
  if (app === undefined) {
    return b2cError(
      "invalid_request",
      `AADB2C90018: The client id '${clientId}' specified in the request is not registered in tenant '${tenant.info.defaultDomain}'.`,
      info,
      now,
    );
  }
  if (app.isFallbackPublicClient !== true) {
    return b2cError(
      "invalid_request",
      `AADB2C90057: The application '${clientId}' must allow public client flows (isFallbackPublicClient) for the resource owner password credentials flow.`,
      info,
      now,
    );
  }
  const username = form.get("username") ?? "";
  const password = form.get("password") ?? "";
  const user = username === "" ? undefined : localAccount(tenant, username);
  const stored =
    user === undefined ? undefined : tenant.collection(COLLECTIONS.userPasswords).get(String(user.id));
  const ok =
    user !== undefined &&
    user.accountEnabled !== false &&
    stored !== undefined &&
    verifySecret(password, stored as unknown as SecretHash);
  const sp = findByAppId(tenant.collection(COLLECTIONS.servicePrincipals), clientId);
  recordSignIn(
    tenant,
    {
      appId: String(app.appId),
      appDisplayName: (app.displayName ?? null) as string | null,
      servicePrincipalId: (sp?.id ?? null) as string | null,
      resource: String(app.appId),
      correlationId: info.correlationId,
      user:
        user === undefined
          ? undefined
          : {
              id: String(user.id),
              displayName: (user.displayName ?? null) as string | null,
              userPrincipalName: String(user.userPrincipalName),
            },
      interactive: true,
      errorCode: ok ? 0 : 50126,
      ...(ok
        ? {}
        : { failureReason: "AADB2C90225: The username or password provided in the request are invalid." }),
      ipAddress: info.ipAddress,
      userAgent: info.userAgent,
    },
    now,
  );
  if (!ok || user === undefined) {
    return b2cError(
      "invalid_grant",
      "AADB2C90225: The username or password provided in the request are invalid.",
      info,
      now,
    );
  }
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    iss: `${ctx.origins.login}/${tenant.info.id}/v2.0/`,
    sub: String(user.id),
    aud: String(app.appId),
    oid: String(user.id),
    name: (user.displayName ?? null) as string | null,
    given_name: (user.givenName ?? null) as string | null,
    family_name: (user.surname ?? null) as string | null,
    tfp: policy,
    azp: String(app.appId),
    ver: "1.0",
    iat,
    nbf: iat,
    exp: iat + LIFETIME_S,
    auth_time: iat,
  };
  const sign = (c: object) =>
    new SignJWT(c as Record<string, unknown>)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: ctx.keys.kid })
      .sign(ctx.keys.privateKey);
  const [idToken, accessToken] = await Promise.all([
    sign(claims),
    sign({
      ...claims,
      scp: (form.get("scope") ?? "")
        .split(/\s+/)
        .filter((s) => s !== "" && s !== "openid" && s !== "offline_access")
        .join(" "),
      uti: randomUUID(),
    }),
  ]);
  return jsonReply(
    200,
    { access_token: accessToken, token_type: "Bearer", expires_in: String(LIFETIME_S), id_token: idToken },
    { "cache-control": "no-store, no-cache", pragma: "no-cache" },
  );
}
