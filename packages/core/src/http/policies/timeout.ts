import { ConnectionError, isApiError } from "../errors.ts";
import type { PipelinePolicy } from "../pipeline.ts";

/** The reason an attempt's deadline aborts with, so the bearer policy can tell a token wait ran out. */
export class AttemptTimeoutError extends Error {
  override readonly name = "AttemptTimeoutError";
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`attempt timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

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
      const timer = setTimeout(() => deadline.abort(new AttemptTimeoutError(timeoutMs)), timeoutMs);
      const callerSignal = request.signal;
      const signal =
        callerSignal === undefined ? deadline.signal : AbortSignal.any([callerSignal, deadline.signal]);
      try {
        return await next({ ...request, signal });
      } catch (error) {
        // The deadline ran out while the bearer policy waited for a token: it names the token service.
        if (isApiError(error) && error.service === "login") throw error;
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
