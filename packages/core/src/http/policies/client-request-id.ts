import { randomUUID } from "node:crypto";
import type { PipelinePolicy } from "../pipeline.ts";

/**
 * Gives every request a `client-request-id` (Graph, https://learn.microsoft.com/graph/best-practices-concept)
 * or `x-ms-client-request-id` (ARM) so a call can be found in both sides' logs. The id stays the same
 * across retries of one call. A caller-supplied id is kept.
 */
export function clientRequestIdPolicy(newId: () => string = randomUUID): PipelinePolicy {
  return {
    name: "client-request-id",
    sendRequest(request, next) {
      const header = request.service === "arm" ? "x-ms-client-request-id" : "client-request-id";
      if (!request.headers.has(header)) request.headers.set(header, newId());
      return next(request);
    },
  };
}
