/**
 * Reading the error bodies of Graph, ARM and the token service, which differ in shape and casing,
 * into one set of fields that errors.ts builds an {@link ApiError} from.
 */
import type { ApiErrorDetail } from "./errors.ts";

/** The fields ciamkit reads from an error response body, whichever service sent it. */
export interface ParsedBody {
  code: string | undefined;
  message: string | undefined;
  requestId?: string | undefined;
  clientRequestId?: string | undefined;
  date?: string | undefined;
  details: ApiErrorDetail[];
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function lowerKeys(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out[k.toLowerCase()] = v;
  }
  return out;
}

function parseDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.map((d) => {
    const o = lowerKeys(d);
    return { code: str(o.code) ?? "", message: str(o.message) ?? "", target: str(o.target) };
  });
}

/**
 * Reads Graph's `{error:{code,message,innerError:{request-id,date}}}` (innerError casing varies and may
 * nest, https://learn.microsoft.com/graph/errors), ARM's `{error:{code,message,details}}`, and the token
 * service's `{error, error_description, error_codes}` (AADSTS).
 */
export function parseErrorBody(body: unknown): ParsedBody {
  const root = lowerKeys(body);
  if (typeof root.error === "string") {
    return {
      code: root.error,
      message: str(root.error_description),
      requestId: str(root.trace_id),
      clientRequestId: str(root.correlation_id),
      date: str(root.timestamp),
      details: [],
    };
  }
  const error = lowerKeys(root.error ?? root);
  let inner = lowerKeys(error.innererror);
  let requestId = str(inner["request-id"]);
  let clientRequestId = str(inner["client-request-id"]);
  let date = str(inner.date);
  // Graph may nest innerError objects; the ids sit at any level.
  for (let depth = 0; depth < 5 && inner.innererror !== undefined; depth++) {
    inner = lowerKeys(inner.innererror);
    requestId ??= str(inner["request-id"]);
    clientRequestId ??= str(inner["client-request-id"]);
    date ??= str(inner.date);
  }
  return {
    code: str(error.code),
    message: str(error.message),
    requestId,
    clientRequestId,
    date,
    details: parseDetails(error.details),
  };
}
