import { ConnectionError } from "../errors.ts";
import type { PipelinePolicy } from "../pipeline.ts";

/**
 * Gives each attempt its own deadline (so a retry starts with a full one) and joins it with the
 * caller's `AbortSignal`. A deadline turns into a {@link ConnectionError} with code `Timeout`, which the
 * retry policy may retry; a caller's abort is rethrown as is and never retried.
 */
export function timeoutPolicy(defaultTimeoutMs = 100_000): PipelinePolicy {
  return {
    name: "timeout",
    async sendRequest(request, next) {
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new Error("attempt timed out")), timeoutMs);
      const callerSignal = request.signal;
      const signal =
        callerSignal === undefined ? deadline.signal : AbortSignal.any([callerSignal, deadline.signal]);
      try {
        return await next({ ...request, signal });
      } catch (error) {
        if (deadline.signal.aborted && !callerSignal?.aborted) {
          throw new ConnectionError({
            service: request.service,
            status: 0,
            code: "Timeout",
            message: `${request.method} to ${request.service} got no complete response within ${timeoutMs} ms. The service may be overloaded; retry later or raise the timeout.`,
            clientRequestId:
              request.headers.get("client-request-id") ??
              request.headers.get("x-ms-client-request-id") ??
              undefined,
            request: { method: request.method, url: request.url },
            requestMayHaveBeenSent: true,
            cause: error,
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
