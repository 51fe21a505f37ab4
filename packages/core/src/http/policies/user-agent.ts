import { userAgent } from "../../version.ts";
import type { PipelinePolicy } from "../pipeline.ts";

/** Sets `User-Agent: ciamkit/<version> [product] node/<version>` (see {@link userAgent}). */
export function userAgentPolicy(product?: string): PipelinePolicy {
  const value = userAgent(product);
  return {
    name: "user-agent",
    sendRequest(request, next) {
      request.headers.set("user-agent", value);
      return next(request);
    },
  };
}
