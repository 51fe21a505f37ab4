import type { PipelinePolicy } from "../pipeline.ts";
import { RETRY_AFTER_MARGIN_MS, retryAfterMs } from "../retry-after.ts";
import { sleep } from "../sleep.ts";

/**
 * Holds every request of a pipeline to one service while a throttle it was told about runs: after a
 * 429 (or a 503 with `Retry-After`), other requests in flight or queued wait for the same time instead
 * of being rejected too, since Graph and ARM count calls made during a throttle against the caller
 * (https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling). Sits inside the
 * retry policy so each attempt passes the gate.
 */
export function throttleGatePolicy(now: () => number = Date.now): PipelinePolicy {
  const openAt = new Map<string, number>();
  return {
    name: "throttle-gate",
    async sendRequest(request, next) {
      const wait = (openAt.get(request.service) ?? 0) - now();
      if (wait > 0) await sleep(wait, request.signal);
      const response = await next(request);
      if (response.status === 429 || (response.status === 503 && response.headers.has("retry-after"))) {
        const asked = retryAfterMs(response.headers);
        if (asked !== undefined) {
          const until = now() + asked + RETRY_AFTER_MARGIN_MS;
          openAt.set(request.service, Math.max(openAt.get(request.service) ?? 0, until));
        }
      }
      return response;
    },
  };
}
