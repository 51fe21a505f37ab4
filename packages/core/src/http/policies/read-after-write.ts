import type { PipelinePolicy } from "../pipeline.ts";
import { sleep } from "../sleep.ts";

/** Options of {@link readAfterWritePolicy}. */
export interface ReadAfterWriteOptions {
  /** Further attempts after the first 404 (default 3). */
  retries?: number;
  /** Wait before the first retry, doubled each time (default 300 ms: 2.1 s in all). */
  delayMs?: number;
}

/**
 * For requests marked `readAfterWrite`: retries a 404 a few times with growing waits, because Entra
 * replicates writes asynchronously and an object created a moment ago can briefly be "not found"
 * (https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors). Other requests pass through.
 */
export function readAfterWritePolicy(options: ReadAfterWriteOptions = {}): PipelinePolicy {
  const retries = options.retries ?? 3;
  const delayMs = options.delayMs ?? 300;
  return {
    name: "read-after-write",
    async sendRequest(request, next) {
      let response = await next(request);
      for (
        let attempt = 0;
        request.readAfterWrite === true && response.status === 404 && attempt < retries;
        attempt++
      ) {
        await sleep(delayMs * 2 ** attempt, request.signal);
        response = await next(request);
      }
      return response;
    },
  };
}
