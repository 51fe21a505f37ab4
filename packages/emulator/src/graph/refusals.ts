import { type GraphIds, type GraphOutcome, graphErrorOutcome } from "./outcome.ts";

/** The answer to an injected 5xx fault, in Graph's envelope. */
export function faultOutcome(ids: GraphIds, status: 500 | 503 | 504): GraphOutcome {
  switch (status) {
    case 500:
      return graphErrorOutcome(ids, 500, "InternalServerError", "Encountered an internal server error.");
    case 503:
      return graphErrorOutcome(
        ids,
        503,
        "serviceNotAvailable",
        "The service is temporarily unavailable. Please try again later.",
        {
          "retry-after": "1",
        },
      );
    case 504:
      return graphErrorOutcome(
        ids,
        504,
        "GatewayTimeout",
        "The gateway did not receive a response from the service in time.",
      );
  }
}

/** A 429 with Graph's throttling headers; `Retry-After` in whole seconds, the exact wait in `x-ms-retry-after-ms`. */
export function throttledOutcome(
  ids: GraphIds,
  retryAfterMs: number,
  scope: string,
  information: string,
  early: boolean,
): GraphOutcome {
  return graphErrorOutcome(
    ids,
    429,
    "TooManyRequests",
    early
      ? "Too many requests: the request came before the Retry-After interval of the previous 429 elapsed."
      : "Too many requests. Please try again later.",
    {
      "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
      "x-ms-retry-after-ms": String(Math.max(1, Math.ceil(retryAfterMs))),
      "x-ms-throttle-scope": scope,
      "x-ms-throttle-information": information,
      "x-ms-throttle-limit-percentage": "1.0",
    },
  );
}

export { notFoundMessage } from "./graph-errors.ts";
