import { randomUUID } from "node:crypto";
import { type HttpReply, jsonReply } from "../server/http.ts";

/**
 * An error of the Entra token service, rendered as AADSTS bodies are
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes): MSAL surfaces
 * `error_codes[0]` as `errorNo` and branches on `error`.
 */
export class AadstsError extends Error {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  /** Fields some endpoints add to the body (native authentication's `suberror`). */
  readonly extra: Readonly<Record<string, string>>;
  /** The user a refused sign-in was for, when known, for the sign-in log (never rendered). */
  signInUser?: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    error: string,
    code: number,
    description: string,
    extra: Readonly<Record<string, string>> = {},
  ) {
    super(description);
    this.name = "AadstsError";
    this.status = status;
    this.error = error;
    this.code = code;
    this.extra = extra;
  }
}

/** Renders an {@link AadstsError} with the ids and timestamp Entra adds. */
export function aadstsReply(err: AadstsError, correlationId: string | undefined, now: Date): HttpReply {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = `${now.toISOString().slice(0, 19).replace("T", " ")}Z`;
  return jsonReply(
    err.status,
    {
      error: err.error,
      ...err.extra,
      error_description: `AADSTS${err.code}: ${err.message} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [err.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlation,
    },
    { "cache-control": "no-store, no-cache", pragma: "no-cache" },
  );
}

/** The AADSTS errors the emulator raises, named for what went wrong. */
export const aadsts = {
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  appNotFound: (clientId: string, tenant: string) =>
    new AadstsError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    new AadstsError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  expiredSecret: (clientId: string) =>
    new AadstsError(
      401,
      "invalid_client",
      7000222,
      `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app.`,
    ),
  missingCredential: () =>
    new AadstsError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  publicClientCredential: () =>
    new AadstsError(
      401,
      "invalid_client",
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  badAssertion: (code: number, detail: string) => new AadstsError(401, "invalid_client", code, detail),
  missingScope: () =>
    new AadstsError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'scope'.",
    ),
  invalidScope: (scope: string, why: string) =>
    new AadstsError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. ${why}`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      400,
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrant: (grant: string) =>
    new AadstsError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    ),
  authorizationPending: () =>
    new AadstsError(
      400,
      "authorization_pending",
      70016,
      "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
    ),
  slowDown: () =>
    new AadstsError(400, "slow_down", 70016, "OAuth 2.0 device flow error. Polling too fast; slow down."),
  expiredDeviceCode: () =>
    new AadstsError(
      400,
      "expired_token",
      70020,
      "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
    ),
  badDeviceCode: () =>
    new AadstsError(
      400,
      "invalid_grant",
      70000,
      "The provided value for the input parameter 'device_code' is not valid.",
    ),
  noServicePrincipal: (clientId: string, tenant: string) =>
    new AadstsError(
      400,
      "invalid_client",
      7000112,
      `Application '${clientId}' is disabled or has no service principal in tenant '${tenant}'.`,
    ),
};
