import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import { type AccessTokenClaims, ARM_AUDIENCE } from "../login/access-token.ts";
import { type HttpReply, jsonReply } from "../server/http.ts";
import { ArmError, armErrorBody } from "./arm-error.ts";
import { settleOperations } from "./arm-operations.ts";
import { type ArmCaller, type ArmRequest, CIAM_API_VERSIONS, matchArmRoute } from "./arm-route.ts";
import { armRoutes } from "./arm-routes.ts";
import { findResourceGroup, findSubscription } from "./arm-store.ts";
import { authorizationFailedMessage, isAuthorized } from "./rbac.ts";

/** An ARM answer, with who asked (for the request log) once the token was valid. */
export interface ArmReply extends HttpReply {
  caller: { appId: string; tenantId: string } | null;
}

/**
 * The Azure Resource Manager front door: authenticates the bearer token (for
 * `https://management.azure.com/`), checks the api-version, charges ARM's regional token buckets
 * (headers on every answer, 429 when empty), resolves the subscription and resource group, checks
 * Azure RBAC, then runs the route. Errors use ARM's envelope; every answer carries
 * `x-ms-request-id` and `x-ms-correlation-request-id`.
 */
export async function handleArm(
  ctx: EmulatorContext,
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
  rawBody: Buffer = Buffer.alloc(0),
): Promise<ArmReply> {
  let who: ArmReply["caller"] = null;
  const reply = await serve(ctx, method, url, headers, rawBody, (caller) => {
    who = { appId: caller.appId, tenantId: caller.tenantId };
  });
  return { ...reply, caller: who };
}

async function serve(
  ctx: EmulatorContext,
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
  rawBody: Buffer,
  identified: (caller: ArmCaller) => void,
): Promise<HttpReply> {
  const ids: Record<string, string> = {
    "x-ms-request-id": randomUUID(),
    "x-ms-correlation-request-id": headers["x-ms-correlation-request-id"] ?? randomUUID(),
    ...(headers["x-ms-client-request-id"] === undefined
      ? {}
      : { "x-ms-client-request-id": headers["x-ms-client-request-id"] }),
  };
  const fail = (err: ArmError, extra: Record<string, string> = {}) =>
    jsonReply(err.status, armErrorBody(err.code, err.message, err.target), {
      ...ids,
      ...extra,
      ...err.headers,
    });

  const token = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")?.[1]?.trim();
  if (token === undefined) {
    return fail(
      new ArmError(
        401,
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is missing.",
      ),
      { "www-authenticate": armChallenge(ctx) },
    );
  }
  const claims = await ctx.verifier.verify(token, [ARM_AUDIENCE, ARM_AUDIENCE.replace(/\/$/, "")], ctx.now());
  if ("reason" in claims || ctx.store.tenant(claims.tid) === undefined) {
    const why = "reason" in claims ? claims.reason : "tenant";
    return fail(
      new ArmError(
        401,
        why === "expired" ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
        why === "expired"
          ? "The access token expiry UTC time is earlier than current UTC time."
          : `The access token is invalid (${why}).`,
      ),
      { "www-authenticate": armChallenge(ctx) },
    );
  }
  const apiVersion = url.searchParams.get("api-version");
  if (apiVersion === null) {
    return fail(
      new ArmError(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.",
      ),
    );
  }
  const { route, params, methods } = matchArmRoute(armRoutes, method, url.pathname);
  if (route === undefined) {
    if (methods.length > 0) {
      return fail(
        new ArmError(
          405,
          "MethodNotAllowed",
          `The method '${method}' is not allowed on '${url.pathname}'. Allowed: ${methods.join(", ")}.`,
        ),
      );
    }
    return fail(
      new ArmError(
        404,
        "NoRegisteredProviderFound",
        `No registered resource provider found for ${method} ${url.pathname} with api-version '${apiVersion}' in this emulator.`,
      ),
    );
  }
  if (!(CIAM_API_VERSIONS as readonly string[]).includes(apiVersion)) {
    return fail(
      new ArmError(
        400,
        "InvalidApiVersionParameter",
        `The api-version '${apiVersion}' is invalid. The supported versions are '${CIAM_API_VERSIONS.join(",")}'.`,
      ),
    );
  }
  const caller = callerOf(claims);
  identified(caller);

  const decision = ctx.arm.throttler.check(
    {
      subscriptionId: params.subscriptionId?.toLowerCase() ?? null,
      tenantId: caller.tenantId,
      principalId: caller.objectId,
      type: route.type,
      nowMs: ctx.now().getTime(),
      timeScale: ctx.throttler.settings.timeScale,
    },
    ctx.throttler.settings.enabled,
  );
  if (!decision.allowed) {
    return fail(new ArmError(429, decision.code, decision.message), {
      "retry-after": String(decision.retryAfterSeconds),
    });
  }
  const rate = decision.headers;

  try {
    settleOperations(ctx);
    let owner: ArmRequest["owner"];
    if (params.subscriptionId !== undefined) {
      const found = findSubscription(ctx.store, params.subscriptionId);
      if (found === undefined) {
        throw new ArmError(
          404,
          "SubscriptionNotFound",
          `The subscription '${params.subscriptionId}' could not be found.`,
        );
      }
      if (found.tenant.info.id !== caller.tenantId) {
        throw new ArmError(
          401,
          "InvalidAuthenticationTokenTenant",
          `The access token is from the wrong issuer. It must match the tenant '${found.tenant.info.id}' associated with this subscription. Please use the authority (URL) '${ctx.origins.login}/${found.tenant.info.id}' to get the token.`,
        );
      }
      owner = found.tenant;
      const need = route.authorize?.(params);
      if (need !== undefined && !isAuthorized(owner, caller.objectId, need.action, need.scope)) {
        throw new ArmError(
          403,
          "AuthorizationFailed",
          authorizationFailedMessage(caller.client, caller.objectId, need.action, need.scope),
        );
      }
      if (
        params.resourceGroupName !== undefined &&
        findResourceGroup(owner, params.subscriptionId, params.resourceGroupName) === undefined
      ) {
        throw new ArmError(
          404,
          "ResourceGroupNotFound",
          `Resource group '${params.resourceGroupName}' could not be found.`,
        );
      }
    }
    let body: unknown;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        throw new ArmError(
          400,
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: the body is not JSON.",
        );
      }
    }
    const result = await route.handle({
      ctx,
      method,
      url,
      apiVersion,
      body,
      caller,
      owner,
      params,
      now: ctx.now(),
    });
    const replyHeaders = { ...ids, ...rate, ...result.headers };
    return result.body === undefined
      ? { status: result.status, headers: replyHeaders }
      : jsonReply(result.status, result.body, replyHeaders);
  } catch (err) {
    if (err instanceof ArmError) return fail(err, rate);
    throw err;
  }
}

function callerOf(claims: AccessTokenClaims): ArmCaller {
  const user = claims.idtyp === "user";
  return {
    tenantId: claims.tid,
    objectId: claims.oid,
    client: user ? (claims.upn ?? claims.preferred_username ?? claims.oid) : claims.appid,
    kind: user ? "user" : "app",
    appId: claims.appid,
  };
}

function armChallenge(ctx: EmulatorContext): string {
  return `Bearer authorization_uri="${ctx.origins.login}/common", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`;
}
