import type { GetTokenOptions, TokenProvider } from "../../auth/token-provider.ts";
import { ConnectionError } from "../errors.ts";
import type { PipelinePolicy, Service } from "../pipeline.ts";
import { AttemptTimeoutError } from "./timeout.ts";

/**
 * Adds `Authorization: Bearer <token>` for the request's scope (Graph and ARM need different tokens).
 * A 401 gets one more try with a freshly issued token, since a cached token may have been revoked or
 * may predate a permission grant (new app roles appear only in new tokens). Tokens are never sent over
 * plain http.
 */
export function bearerTokenPolicy(tokens: TokenProvider): PipelinePolicy {
  return {
    name: "bearer-token",
    async sendRequest(request, next) {
      const scope = request.scope;
      if (scope === undefined) return next(request);
      if (!request.url.startsWith("https://")) {
        throw new Error(
          `Refusing to send a bearer token over plain http (${new URL(request.url).origin}); use https.`,
        );
      }
      const first = await tokenFor(tokens, scope, request.service, { signal: request.signal });
      request.headers.set("authorization", `Bearer ${first.token}`);
      const response = await next(request);
      if (response.status !== 401) return response;
      const fresh = await tokenFor(tokens, scope, request.service, {
        signal: request.signal,
        forceRefresh: true,
      });
      if (fresh.token === first.token) return response;
      request.headers.set("authorization", `Bearer ${fresh.token}`);
      return next(request);
    },
  };
}

/**
 * A token, or, when the attempt's deadline ends the wait, a timeout that names the token service:
 * the request itself was never sent, so saying Graph or ARM did not answer would send the user
 * looking in the wrong place (a sign-in still waiting for its device code, a token service down).
 */
async function tokenFor(tokens: TokenProvider, scope: string, service: Service, options: GetTokenOptions) {
  try {
    return await tokens.getToken(scope, options);
  } catch (error) {
    if (!(error instanceof AttemptTimeoutError)) throw error;
    throw new ConnectionError({
      service: "login",
      status: 0,
      code: "Timeout",
      message: `The token service gave no access token for ${service === "arm" ? "ARM" : "Graph"} within ${error.timeoutMs} ms, so nothing was sent: a sign-in may be waiting for its device code to be approved, or the token service is not answering. Sign in with \`ciam login\` if needed, then retry.`,
      requestMayHaveBeenSent: false,
      cause: error,
    });
  }
}
