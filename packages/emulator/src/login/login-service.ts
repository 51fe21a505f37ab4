import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import { type HttpReply, jsonReply } from "../server/http.ts";
import { AadstsError, aadsts, aadstsReply } from "./aadsts.ts";
import { b2cRopc } from "./b2c-ropc.ts";
import { DEVICE_LOGIN_PATH, deviceLoginPage } from "./device-login-page.ts";
import { openIdConfiguration } from "./discovery.ts";
import { findByAppId } from "./grants.ts";
import { challenge, initiate } from "./native-auth.ts";
import { parseScopes } from "./scopes.ts";
import { tokenEndpoint } from "./token-endpoint.ts";

/** A request to the login origin, already read. */
export interface LoginRequest {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  remoteAddress: string;
}

/**
 * The Entra token service for every tenant, addressed by tenant id, default domain or subdomain:
 * discovery, JWKS, token, device code and the device sign-in page.
 */
export async function handleLogin(ctx: EmulatorContext, req: LoginRequest): Promise<HttpReply> {
  const now = ctx.now();
  const correlationId = req.url.searchParams.get("client-request-id") ?? req.headers["client-request-id"];
  try {
    const path = req.url.pathname.replace(/\/+$/, "");
    if (path.toLowerCase() === DEVICE_LOGIN_PATH) {
      return deviceLoginPage(ctx, req.method, new URLSearchParams(req.body.toString("utf8")));
    }
    const [, tenantSegment = "", ...rest] = path.split("/");
    const route = rest.join("/").toLowerCase();
    // B2C names the user flow or custom policy in the path: /{tenant}/{policy}/oauth2/v2.0/token.
    const policy = /^([^/]+)\/oauth2\/v2\.0\/token$/.exec(route) === null ? undefined : (rest[0] as string);
    const kind = ROUTES[route] ?? (policy === undefined ? undefined : "b2c-token");
    if (kind === undefined) return notFound();
    const tenant = ctx.store.tenant(decodeURIComponent(tenantSegment));
    if (tenant === undefined) throw aadsts.tenantNotFound(tenantSegment);
    if (kind === "discovery" || kind === "keys") {
      if (req.method !== "GET") return methodNotAllowed("GET");
      return jsonReply(
        200,
        kind === "keys" ? { keys: [ctx.keys.jwk] } : openIdConfiguration(ctx.origins.login, tenant),
      );
    }
    if (req.method !== "POST") return methodNotAllowed("POST");
    const contentType = req.headers["content-type"] ?? "";
    if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw new AadstsError(
        400,
        "invalid_request",
        900561,
        "The endpoint only accepts POST requests with Content-Type application/x-www-form-urlencoded.",
      );
    }
    const form = new URLSearchParams(req.body.toString("utf8"));
    applyBasicAuth(form, req.headers.authorization);
    if (kind === "devicecode") return deviceAuthorization(ctx, tenant.info.id, form);
    const noStore = {
      "cache-control": "no-store, no-cache",
      pragma: "no-cache",
      ...(correlationId === undefined ? {} : { "client-request-id": correlationId }),
    };
    if (kind === "initiate") return jsonReply(200, initiate(ctx, tenant, form), noStore);
    if (kind === "challenge") return jsonReply(200, challenge(ctx, tenant, form), noStore);
    if (kind === "b2c-token") {
      return b2cRopc(ctx, tenant, decodeURIComponent(policy as string), form, {
        correlationId: correlationId ?? randomUUID(),
        ipAddress: req.remoteAddress,
        userAgent: req.headers["user-agent"] ?? null,
      });
    }
    const body = await tokenEndpoint(ctx, tenant, form, {
      correlationId: correlationId ?? randomUUID(),
      ipAddress: req.remoteAddress,
      userAgent: req.headers["user-agent"] ?? null,
      endpointUrl: `${ctx.origins.login}${req.url.pathname}`,
    });
    return jsonReply(200, body, noStore);
  } catch (err) {
    if (err instanceof AadstsError) return aadstsReply(err, correlationId, now);
    throw err;
  }
}

type RouteKind = "discovery" | "keys" | "token" | "devicecode" | "initiate" | "challenge" | "b2c-token";

const ROUTES: Readonly<Record<string, RouteKind>> = {
  "v2.0/.well-known/openid-configuration": "discovery",
  ".well-known/openid-configuration": "discovery",
  "discovery/v2.0/keys": "keys",
  "discovery/keys": "keys",
  "oauth2/v2.0/token": "token",
  "oauth2/v2.0/devicecode": "devicecode",
  // Native authentication (sign-in); its last step is the token endpoint's password grant.
  "oauth2/v2.0/initiate": "initiate",
  "oauth2/v2.0/challenge": "challenge",
};

function deviceAuthorization(ctx: EmulatorContext, tenantId: string, form: URLSearchParams): HttpReply {
  const tenant = ctx.store.tenant(tenantId);
  const clientId = form.get("client_id");
  if (tenant === undefined) throw aadsts.tenantNotFound(tenantId);
  if (clientId === null || clientId === "") throw aadsts.missingParameter("client_id");
  const app = findByAppId(tenant.collection("applications"), clientId);
  if (app === undefined) throw aadsts.appNotFound(clientId, tenantId);
  // Device code needs "Allow public client flows" on the registration, as in Entra.
  if (app.isFallbackPublicClient !== true) throw aadsts.missingCredential();
  const scope = form.get("scope");
  parseScopes(scope, false);
  const auth = ctx.deviceCodes.issue(tenant.info.id, clientId, scope as string, ctx.now().getTime());
  const verificationUri = `${ctx.origins.login}${DEVICE_LOGIN_PATH}`;
  return jsonReply(200, {
    user_code: auth.userCode,
    device_code: auth.deviceCode,
    verification_uri: verificationUri,
    expires_in: ctx.deviceCodes.lifetimeSeconds,
    interval: ctx.deviceCodes.intervalSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${auth.userCode} to authenticate.`,
  });
}

/**
 * `client_secret_basic` (RFC 6749 2.3.1): the client id and secret, form-encoded, in an
 * `Authorization: Basic` header instead of the body. Entra accepts both.
 */
function applyBasicAuth(form: URLSearchParams, authorization: string | undefined): void {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  if (match === null) return;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0)
    throw new AadstsError(401, "invalid_client", 7000216, "The Basic authorization header is malformed.");
  const id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
  const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
  if (form.has("client_id") && form.get("client_id") !== id) {
    throw new AadstsError(
      401,
      "invalid_client",
      7000216,
      "The client id in the Basic authorization header does not match 'client_id'.",
    );
  }
  form.set("client_id", id);
  form.set("client_secret", secret);
}

function notFound(): HttpReply {
  return jsonReply(404, { error: "not_found", error_description: "The requested endpoint does not exist." });
}

function methodNotAllowed(allow: string): HttpReply {
  return jsonReply(
    405,
    { error: "invalid_request", error_description: `The endpoint only accepts ${allow} requests.` },
    { allow },
  );
}
