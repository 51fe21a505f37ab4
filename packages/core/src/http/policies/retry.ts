import { ConnectionError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { emit } from "../logger.ts";
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "../pipeline.ts";
import { isIdempotent } from "../pipeline.ts";
import { redactUrl } from "../redact.ts";
import { RETRY_AFTER_MARGIN_MS, retryAfterMs } from "../retry-after.ts";
import { sleep } from "../sleep.ts";

/** Options of {@link retryPolicy}. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Total time the policy may spend waiting for one call (default 120 s); a wait that would pass it is not taken. */
  maxTotalWaitMs?: number;
  /** First back-off when the service gives no `Retry-After` (default 800 ms), doubled per retry. */
  baseDelayMs?: number;
  /** Ceiling of one back-off (default 30 s); a service's own `Retry-After` is honoured up to `maxTotalWaitMs`. */
  maxDelayMs?: number;
  /** Random source in [0, 1) for jitter (tests pass a constant). */
  random?: () => number;
  logger?: Logger | undefined;
}

const RETRIABLE_STATUS = new Set([429, 503, 504]);

/**
 * Whether an attempt may be repeated. The rule:
 *
 * - idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE, or marked `idempotent`) are retried after
 *   429, 503, 504 and any connection failure or per-attempt timeout;
 * - other requests (POST, PATCH) only when the service cannot have acted on them: a 429 (Graph and ARM
 *   reject throttled calls before executing them), a 503 carrying `Retry-After` (the service refused
 *   the call), or a connection that failed before the request was sent (refused, DNS). A reset or a
 *   timeout after sending may have let the write happen, so those are not retried and surface as a
 *   {@link ConnectionError} with `requestMayHaveBeenSent`.
 */
export function shouldRetry(request: PipelineRequest, outcome: PipelineResponse | ConnectionError): boolean {
  const idempotent = isIdempotent(request);
  if (outcome instanceof ConnectionError) return idempotent || !outcome.requestMayHaveBeenSent;
  if (!RETRIABLE_STATUS.has(outcome.status)) return false;
  if (idempotent || outcome.status === 429) return true;
  return outcome.status === 503 && outcome.headers.has("retry-after");
}

/**
 * Retries throttled and transient failures: waits what the service asks (`retry-after-ms`,
 * `x-ms-retry-after-ms`, `Retry-After` seconds or date; see {@link retryAfterMs}), else exponential
 * back-off with jitter (a service's wait gets {@link RETRY_AFTER_MARGIN_MS} more); stops at
 * `maxRetries` or when the next wait would pass `maxTotalWaitMs`, and then returns the last response
 * (or throws the last connection error). The caller's abort ends waiting.
 */
export function retryPolicy(options: RetryOptions = {}): PipelinePolicy {
  const maxRetries = options.maxRetries ?? 4;
  const maxTotalWaitMs = options.maxTotalWaitMs ?? 120_000;
  const baseDelayMs = options.baseDelayMs ?? 800;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;

  return {
    name: "retry",
    async sendRequest(request, next) {
      let waited = 0;
      for (let attempt = 0; ; attempt++) {
        let outcome: PipelineResponse | ConnectionError;
        try {
          outcome = await next(request);
        } catch (error) {
          if (!(error instanceof ConnectionError)) throw error;
          outcome = error;
        }
        if (attempt >= maxRetries || !shouldRetry(request, outcome)) {
          if (outcome instanceof ConnectionError) throw outcome;
          return outcome;
        }
        const asked = outcome instanceof ConnectionError ? undefined : retryAfterMs(outcome.headers);
        // Full back-off between half and all of the exponential step, so parallel clients spread out.
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt) * (0.5 + random() / 2);
        const delay = Math.ceil(asked === undefined ? backoff : asked + RETRY_AFTER_MARGIN_MS);
        if (waited + delay > maxTotalWaitMs) {
          if (outcome instanceof ConnectionError) throw outcome;
          return outcome;
        }
        emit(options.logger, {
          level: "info",
          event: "http.retry",
          message: `retrying ${request.method} ${redactUrl(request.url)} in ${delay} ms (attempt ${attempt + 2} of ${maxRetries + 1}) after ${outcome instanceof ConnectionError ? outcome.code : `HTTP ${outcome.status}`}`,
          data: { delayMs: delay, attempt: attempt + 1, serviceAsked: asked !== undefined },
        });
        await sleep(delay, request.signal);
        waited += delay;
      }
    },
  };
}
