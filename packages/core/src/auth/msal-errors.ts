import { ApiError, AuthenticationError, ConnectionError, ThrottledError } from "../http/errors.ts";

interface MsalErrorLike {
  errorCode?: unknown;
  errorMessage?: unknown;
  subError?: unknown;
  correlationId?: unknown;
  errorNo?: unknown;
  name?: unknown;
  message?: unknown;
}

const THROTTLED_CODES = new Set(["temporarily_unavailable", "too_many_requests", "request_throttled"]);
const NETWORK_CODES = new Set(["network_error", "endpoints_resolution_error", "untrusted_authority"]);

/**
 * Turns an MSAL error into the {@link ApiError} family (`service: "login"`): AADSTS failures become
 * {@link AuthenticationError}s with the AADSTS text, network failures {@link ConnectionError}s, and
 * MSAL's throttle cache (`ServerError` after a 429/5xx) a {@link ThrottledError}.
 */
export function fromMsalError(error: unknown, hint: string): ApiError {
  if (error instanceof ApiError) return error;
  const e = (error ?? {}) as MsalErrorLike;
  const code = typeof e.errorCode === "string" && e.errorCode !== "" ? e.errorCode : "authentication_failed";
  const serviceText =
    typeof e.errorMessage === "string" && e.errorMessage !== ""
      ? e.errorMessage
      : typeof e.message === "string"
        ? e.message
        : String(error);
  const firstLine = serviceText.split(/\r?\n/)[0] ?? serviceText;
  const correlationId =
    typeof e.correlationId === "string" && e.correlationId !== ""
      ? e.correlationId
      : /Correlation ID: ([0-9a-f-]{36})/i.exec(serviceText)?.[1];
  const init = {
    service: "login" as const,
    code,
    clientRequestId: correlationId,
    cause: undefined,
  };
  if (NETWORK_CODES.has(code)) {
    return new ConnectionError({
      ...init,
      status: 0,
      message: `Could not reach the token service (${code}): ${firstLine}. Check the authority host, network and trusted CA.`,
      requestMayHaveBeenSent: false,
    });
  }
  // Branch on codes, never on free text: AADSTS messages carry trace ids and timestamps whose digits
  // could match anything.
  const aadsts = aadstsSummary(serviceText);
  const summary = aadsts ?? firstLine;
  const correlation = correlationId === undefined ? "" : ` Correlation ID: ${correlationId}.`;
  if (THROTTLED_CODES.has(code) || aadsts?.startsWith("AADSTS50196:") === true) {
    return new ThrottledError({
      ...init,
      status: 429,
      message: `The token service is throttling this client: ${summary}${correlation}`,
    });
  }
  return new AuthenticationError({
    ...init,
    status: 401,
    message: `Sign-in failed (${code}): ${summary}${correlation}${hint === "" ? "" : ` ${hint}`}`,
  });
}

/**
 * `AADSTS7000215: Invalid client secret provided.` out of MSAL's text, which wraps the service's
 * `error_description` in `Error(s): … - Timestamp: … - Description: …` and repeats the trace and
 * correlation ids after it; the rest of the description is advice for the portal, and the ids are
 * kept once, apart. Undefined when the text carries no AADSTS code (MSAL's own client errors).
 */
function aadstsSummary(text: string): string | undefined {
  const match = /AADSTS\d+:\s*/.exec(text);
  if (match === null) return undefined;
  const rest = text.slice(match.index + match[0].length);
  // The first sentence: up to a full stop before a space or the end (not the dots in a domain),
  // and never into the "Trace ID:" trailer the service appends.
  const end = /\.(?=\s|$)|\s+(?:Trace ID|Correlation ID|Timestamp):/.exec(rest);
  const sentence = (end === null ? rest : rest.slice(0, end.index)).trim();
  return `${match[0].trim()} ${sentence}.`;
}
