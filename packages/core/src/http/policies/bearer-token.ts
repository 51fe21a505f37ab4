import type { TokenProvider } from "../../auth/token-provider.ts";
import type { PipelinePolicy } from "../pipeline.ts";

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
      const first = await tokens.getToken(scope, { signal: request.signal });
      request.headers.set("authorization", `Bearer ${first.token}`);
      const response = await next(request);
      if (response.status !== 401) return response;
      const fresh = await tokens.getToken(scope, { signal: request.signal, forceRefresh: true });
      if (fresh.token === first.token) return response;
      request.headers.set("authorization", `Bearer ${fresh.token}`);
      return next(request);
    },
  };
}
