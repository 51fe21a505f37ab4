import type { Logger } from "../logger.ts";
import { emit } from "../logger.ts";
import type { PipelinePolicy } from "../pipeline.ts";
import { redactHeaders, redactUrl } from "../redact.ts";

/**
 * Logs each attempt: the request (method, redacted URL and headers) at `debug`, the response status
 * and service request id at `debug` (`warn` for 4xx/5xx), failures at `warn`. Bodies are never logged:
 * they can carry passwords and secrets.
 */
export function loggingPolicy(logger: Logger, now: () => number = Date.now): PipelinePolicy {
  return {
    name: "logging",
    async sendRequest(request, next) {
      const url = redactUrl(request.url);
      const started = now();
      emit(logger, {
        level: "debug",
        event: "http.request",
        message: `${request.method} ${url}`,
        data: { service: request.service, headers: redactHeaders(request.headers) },
      });
      try {
        const response = await next(request);
        emit(logger, {
          level: response.status >= 400 ? "warn" : "debug",
          event: "http.response",
          message: `${response.status} ${request.method} ${url}`,
          data: {
            service: request.service,
            status: response.status,
            durationMs: now() - started,
            requestId:
              response.headers.get("request-id") ?? response.headers.get("x-ms-request-id") ?? undefined,
          },
        });
        return response;
      } catch (error) {
        emit(logger, {
          level: "warn",
          event: "http.error",
          message: `${request.method} ${url} failed: ${error instanceof Error ? error.message : String(error)}`,
          data: { service: request.service, durationMs: now() - started },
        });
        throw error;
      }
    },
  };
}
