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
  const init = {
    service: "login" as const,
    code,
    clientRequestId: typeof e.correlationId === "string" ? e.correlationId : undefined,
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
  if (THROTTLED_CODES.has(code) || /^AADSTS50196:/.test(firstLine)) {
    return new ThrottledError({
      ...init,
      status: 429,
      message: `The token service is throttling this client: ${firstLine}`,
    });
  }
  return new AuthenticationError({
    ...init,
    status: 401,
    message: `Sign-in failed (${code}): ${firstLine} ${hint}`,
  });
}
