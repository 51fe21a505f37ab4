import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import { ARM_AUDIENCE } from "../login/access-token.ts";
import { type HttpReply, jsonReply } from "../server/http.ts";

/**
 * The Azure Resource Manager origin. This issue serves no ARM resource yet: every call is
 * authenticated as ARM does (bearer token for `https://management.azure.com/`), then refused in
 * ARM's error format, so a client learns loudly that the operation is not emulated.
 */
export async function handleArm(
  ctx: EmulatorContext,
  method: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
): Promise<HttpReply> {
  const ids = {
    "x-ms-request-id": randomUUID(),
    "x-ms-correlation-request-id": headers["x-ms-correlation-request-id"] ?? randomUUID(),
    ...(headers["x-ms-client-request-id"] === undefined
      ? {}
      : { "x-ms-client-request-id": headers["x-ms-client-request-id"] }),
  };
  const token = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")?.[1]?.trim();
  if (token === undefined) {
    return jsonReply(
      401,
      {
        error: {
          code: "AuthenticationFailed",
          message: "Authentication failed. The 'Authorization' header is missing.",
        },
      },
      { ...ids, "www-authenticate": armChallenge(ctx) },
    );
  }
  const claims = await ctx.verifier.verify(token, [ARM_AUDIENCE, ARM_AUDIENCE.replace(/\/$/, "")], ctx.now());
  if ("reason" in claims || ctx.store.tenant(claims.tid) === undefined) {
    const why = "reason" in claims ? claims.reason : "tenant";
    return jsonReply(
      401,
      {
        error: {
          code: why === "expired" ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
          message:
            why === "expired"
              ? "The access token expiry UTC time is earlier than current UTC time."
              : `The access token is invalid (${why}).`,
        },
      },
      { ...ids, "www-authenticate": armChallenge(ctx) },
    );
  }
  if (!url.searchParams.has("api-version")) {
    return jsonReply(
      400,
      {
        error: {
          code: "MissingApiVersionParameter",
          message: "The api-version query parameter (?api-version=) is required for all requests.",
        },
      },
      ids,
    );
  }
  return jsonReply(
    404,
    {
      error: {
        code: "NoRegisteredProviderFound",
        message: `No registered resource provider found for ${method} ${url.pathname} with api-version '${url.searchParams.get("api-version")}' in this emulator.`,
      },
    },
    ids,
  );
}

function armChallenge(ctx: EmulatorContext): string {
  return `Bearer authorization_uri="${ctx.origins.login}/common", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."`;
}
