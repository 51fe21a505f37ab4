/**
 * One error family for every failed call to Graph, ARM or the token service. Callers branch on the
 * subclass (or `code`), never on `message`; every field is safe to log (the request is redacted).
 */
import { isServiceFailure } from "../error-kinds.ts";
import { parseErrorBody } from "./error-body.ts";
import type { PipelineResponse, Service } from "./pipeline.ts";
import { responseJson } from "./pipeline.ts";
import { redactText, redactUrl } from "./redact.ts";
import { retryAfterMs as readRetryAfter } from "./retry-after.ts";

/** A service error detail (Graph `details[]`, ARM `details[]`). */
export interface ApiErrorDetail {
  code: string;
  message: string;
  target?: string | undefined;
}

/** The fields an {@link ApiError} is made of. */
export interface ApiErrorInit {
  service: Service;
  status: number;
  code: string;
  message: string;
  /** The service's own message when `message` adds ciamkit's advice to it; defaults to `message`. */
  serviceMessage?: string | undefined;
  requestId?: string | undefined;
  clientRequestId?: string | undefined;
  date?: string | undefined;
  retryAfterMs?: number | undefined;
  details?: readonly ApiErrorDetail[] | undefined;
  request?: { method: string; url: string } | undefined;
  /** Permissions the failed operation needs (for permission errors). */
  requiredPermissions?: readonly string[] | undefined;
  /** A 404 naming an object this client created moments ago (for not-found errors). */
  createdMomentsAgo?: boolean | undefined;
  /** A 403 from an API Microsoft Graph offers delegated permissions only (see {@link PermissionErrorReason}). */
  delegatedOnly?: boolean | undefined;
  cause?: unknown;
}

/** A failed call to Microsoft Graph, Azure Resource Manager or the token service. */
export class ApiError extends Error {
  override readonly name: string = "ApiError";
  /** The service that answered (or failed to). */
  readonly service: Service;
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** The service's error code (`Request_ResourceNotFound`, `AuthorizationFailed`, `invalid_client`, …). */
  readonly code: string;
  /**
   * The service's own message, without the next step ciamkit adds to `message`: for callers that say
   * what to do next in their own words (the MCP server), so the advice is not given twice.
   */
  readonly serviceMessage: string;
  /** The service's `request-id` / `x-ms-request-id`, for support tickets. */
  readonly requestId: string | undefined;
  /** The `client-request-id` ciamkit sent, to find the call in logs. */
  readonly clientRequestId: string | undefined;
  /** The service's timestamp of the failure. */
  readonly date: string | undefined;
  /** How long the service asked the caller to wait before retrying. */
  readonly retryAfterMs: number | undefined;
  /** Nested details from the service. */
  readonly details: readonly ApiErrorDetail[];
  /** The request, with secrets removed from its URL. */
  readonly request: { method: string; url: string } | undefined;

  constructor(init: ApiErrorInit) {
    super(redactText(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = redactText(init.serviceMessage ?? init.message);
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.date = init.date;
    this.retryAfterMs = init.retryAfterMs;
    this.details = (init.details ?? []).map((d) => ({ ...d, message: redactText(d.message) }));
    this.request =
      init.request === undefined
        ? undefined
        : { method: init.request.method, url: redactUrl(init.request.url) };
  }

  /** A plain, log-safe object (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      service: this.service,
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      clientRequestId: this.clientRequestId,
      date: this.date,
      retryAfterMs: this.retryAfterMs,
      details: this.details,
      request: this.request,
    };
  }
}

/** 429, or a 503 that asked to wait: the caller sent too much. */
export class ThrottledError extends ApiError {
  override readonly name = "ThrottledError";
}
/** 401 or a token-service failure: the credential is wrong, expired or not allowed in this tenant. */
export class AuthenticationError extends ApiError {
  override readonly name = "AuthenticationError";
}
/**
 * 403: the caller is authenticated but lacks a permission. The message names the permission the
 * operation needs and how to grant it.
 */
export class PermissionError extends ApiError {
  override readonly name = "PermissionError";
  /** The application permissions the operation needs (all of them); empty when unknown. */
  readonly requiredPermissions: readonly string[];
  /**
   * Why the service refused: a permission the app lacks, or a tenant of the wrong kind for the API
   * (where no grant helps). See {@link PermissionErrorReason}.
   */
  readonly reason: PermissionErrorReason;
  constructor(init: ApiErrorInit) {
    const requiredPermissions = init.requiredPermissions ?? [];
    const reason =
      init.delegatedOnly === true ? "delegated-only" : permissionErrorReason(init.code, init.message);
    const message =
      reason === "wrong-tenant-kind"
        ? `${init.message} ${WRONG_TENANT_KIND_ADVICE}`
        : reason === "delegated-only"
          ? delegatedOnlyMessage(init.message, requiredPermissions)
          : permissionMessage(init.message, requiredPermissions);
    super({ ...init, message, serviceMessage: init.message });
    this.requiredPermissions = requiredPermissions;
    this.reason = reason;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), requiredPermissions: this.requiredPermissions, reason: this.reason };
  }
}

/**
 * Why a 403 was refused. `missing-permission`: the app lacks an application permission (grant it).
 * `delegated-only`: Microsoft Graph offers the API with delegated permissions only (fraud protection
 * providers), so an app signing in as itself is refused whatever it holds: sign in as a person.
 * `wrong-tenant-kind`: the API exists only in another kind of tenant; Azure AD B2C's trust framework
 * (custom policies, policy keys) answers any other tenant, an external (CIAM) one included, with
 * `403 AADB2C "'…' is not an Azure AD B2C directory. Access to this Api can only be made for an Azure
 * AD B2C directory."` whatever the app is granted (api-surface section 9, scope warning).
 */
export type PermissionErrorReason = "missing-permission" | "wrong-tenant-kind" | "delegated-only";

/** The reason of a 403 from its service code and message (see {@link PermissionErrorReason}). */
export function permissionErrorReason(code: string, serviceMessage: string): PermissionErrorReason {
  return code === "AADB2C" && /is not an Azure AD B2C directory/i.test(serviceMessage)
    ? "wrong-tenant-kind"
    : "missing-permission";
}

const WRONG_TENANT_KIND_ADVICE =
  "The cause is the tenant's kind, not a permission: custom policies and policy keys (trust framework) exist only in Azure AD B2C tenants, and external (CIAM) and workforce tenants have none, so granting permissions will not help. Run this against a B2C tenant (its tenant id in AZURE_TENANT_ID or a profile for it); in an external tenant use user flows and custom authentication extensions instead.";
/** 404: the object does not exist (or, when `createdMomentsAgo`, has not replicated yet). */
export class NotFoundError extends ApiError {
  override readonly name = "NotFoundError";
  /** The request named an object this client created moments ago: replication lag, worth a retry. */
  readonly createdMomentsAgo: boolean;
  constructor(init: ApiErrorInit) {
    super(init);
    this.createdMomentsAgo = init.createdMomentsAgo === true;
  }
}
/** 409, or Graph's 400 for a unique-key clash (`ObjectConflict`, `Request_MultipleObjectsWithSameKeyValue`). */
export class ConflictError extends ApiError {
  override readonly name = "ConflictError";
}
/** 400/422: the service rejected the request's content. */
export class ValidationError extends ApiError {
  override readonly name = "ValidationError";
}
/** No usable response: connection refused or dropped, DNS failure, TLS failure, or per-attempt timeout. */
export class ConnectionError extends ApiError {
  override readonly name = "ConnectionError";
  /**
   * False only when the failure happened before the request left (connection refused, DNS): then the
   * service cannot have acted on it and even a POST may be sent again.
   */
  readonly requestMayHaveBeenSent: boolean;
  constructor(init: ApiErrorInit & { requestMayHaveBeenSent: boolean }) {
    super(init);
    this.requestMayHaveBeenSent = init.requestMayHaveBeenSent;
  }
}

/**
 * True for any error of the {@link ApiError} family, also one thrown by another copy of
 * `@ciamkit/core` (recognised by its name, `status`, `code` and `service`, as the Azure SDK's
 * isRestError does).
 */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || isServiceFailure(value);
}

const CONFLICT_CODES = new Set(["ObjectConflict", "Request_MultipleObjectsWithSameKeyValue", "Conflict"]);

const NEXT_STEP: Record<number, string> = {
  401: "Check the credential (tenant, client id, secret or certificate) and that it is meant for this cloud.",
  404: "Check the id (list the objects to find it).",
  409: "An object with the same key already exists; read it instead of creating it.",
  429: "Wait for the time the service asked before retrying, or send fewer requests at once.",
};

/** The advice of a 404 naming an object this client created moments ago. */
const REPLICATING =
  "This client created the object moments ago: it may need a few seconds to replicate; retry shortly.";

/** Picks the subclass callers branch on, from status and code. */
function errorClass(status: number, code: string, details: readonly ApiErrorDetail[]): typeof ApiError {
  if (status === 429) return ThrottledError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionError;
  if (status === 404) return NotFoundError;
  if (status === 409 || CONFLICT_CODES.has(code) || details.some((d) => CONFLICT_CODES.has(d.code)))
    return ConflictError;
  if (status === 400 || status === 422) return ValidationError;
  return ApiError;
}

/** Describes a permission error: the permissions the operation needs and how to grant them. */
export function permissionMessage(serviceMessage: string, permissions: readonly string[]): string {
  if (permissions.length === 0) {
    return `${serviceMessage} The application lacks a permission for this call; grant it on the app's API permissions page in the Entra admin center.`;
  }
  const list = permissions.join(" and ");
  // ARM permissions are Azure RBAC actions, granted by a role assignment, not by app consent.
  if (permissions.every((p) => p.includes("/"))) {
    return `${serviceMessage} This operation needs an Azure role allowing ${list} (Owner or Contributor on the resource group or subscription); ask an Owner to assign it (Azure portal > Access control (IAM), or \`az role assignment create\`), then get a new token.`;
  }
  const commands = permissions.map((p) => `\`ciam app grant --permission ${p}\``).join(", ");
  return `${serviceMessage} This operation needs the application permission${permissions.length > 1 ? "s" : ""} ${list}; grant ${permissions.length > 1 ? "them" : "it"} with ${commands} (or on the app's API permissions page in the Entra admin center, then grant admin consent), then get a new token.`;
}

/** Describes a refusal of a delegated-only API: who may call it and how to sign in as them. */
export function delegatedOnlyMessage(serviceMessage: string, permissions: readonly string[]): string {
  const list =
    permissions.length === 0
      ? "a delegated permission"
      : `the delegated permission ${permissions.join(" and ")}`;
  return `${serviceMessage} Microsoft Graph accepts this call only from a signed-in administrator (${list}): an app signing in as itself (secret, certificate, workload identity) is refused whatever it is granted. Sign in as an administrator with a device-code profile (\`ciam login --auth device-code\`, then \`--profile\` for ciam-mcp; deviceCodeCredential in the library), then retry.`;
}

/**
 * The same refusal as a delegated-only one (see {@link PermissionErrorReason}), for an operation
 * whose API Microsoft Graph offers delegated permissions only.
 */
export function asDelegatedOnly(error: PermissionError, permissions: readonly string[]): PermissionError {
  return rebuiltPermissionError(error, { requiredPermissions: permissions, delegatedOnly: true });
}

/** The same 403 with other advice (the permissions named, the reason), its ids and request kept. */
function rebuiltPermissionError(
  error: PermissionError,
  advice: Pick<ApiErrorInit, "requiredPermissions" | "delegatedOnly">,
): PermissionError {
  return new PermissionError({
    service: error.service,
    status: error.status,
    code: error.code,
    message: error.serviceMessage,
    requestId: error.requestId,
    clientRequestId: error.clientRequestId,
    date: error.date,
    retryAfterMs: error.retryAfterMs,
    details: error.details,
    request: error.request,
    ...advice,
  });
}

/** Builds the right {@link ApiError} for a non-success response. */
export function errorFromResponse(
  response: PipelineResponse,
  options: { requiredPermissions?: readonly string[] | undefined } = {},
): ApiError {
  const { request, status, headers } = response;
  const parsed = parseErrorBody(responseJson(response));
  const code = parsed.code ?? (status === 429 ? "TooManyRequests" : `Http${status}`);
  const serviceMessage =
    parsed.message ?? `${request.method} ${redactUrl(request.url)} failed with HTTP ${status}.`;
  const Class =
    status === 503 && headers.has("retry-after") ? ThrottledError : errorClass(status, code, parsed.details);
  const requiredPermissions = options.requiredPermissions ?? [];
  const message =
    Class === PermissionError
      ? serviceMessage
      : [serviceMessage, response.createdMomentsAgo === true ? REPLICATING : NEXT_STEP[status]]
          .filter(Boolean)
          .join(" ");
  return new Class({
    service: request.service,
    status,
    code,
    message,
    serviceMessage,
    requestId: parsed.requestId ?? headers.get("request-id") ?? headers.get("x-ms-request-id") ?? undefined,
    clientRequestId:
      parsed.clientRequestId ??
      headers.get("client-request-id") ??
      headers.get("x-ms-client-request-id") ??
      request.headers.get("client-request-id") ??
      request.headers.get("x-ms-client-request-id") ??
      undefined,
    date: parsed.date ?? headers.get("date") ?? undefined,
    retryAfterMs: readRetryAfter(headers),
    details: parsed.details,
    request: { method: request.method, url: request.url },
    requiredPermissions,
    createdMomentsAgo: response.createdMomentsAgo === true,
  });
}

/** The same error with the operation's permissions named (used by the operation runner on a 403). */
export function withRequiredPermissions(
  error: PermissionError,
  permissions: readonly string[],
): PermissionError {
  if (error.requiredPermissions.length > 0 || permissions.length === 0) return error;
  return rebuiltPermissionError(error, { requiredPermissions: permissions });
}
