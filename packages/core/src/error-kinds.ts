/**
 * One classification of every failure a front end shows: the kind (what the user does about it) and
 * the next step for that kind. The MCP server renders tool errors from it and the CLI maps the kind
 * to its exit code. It recognises errors by name and fields, never by `instanceof`, so an error from
 * another copy of `@ciamkit/core` is classified the same, and it imports nothing at run time: the CLI
 * loads it (`@ciamkit/core/error-kinds`) without loading the rest of core.
 */

/**
 * `usage`: the caller's input or set-up, nothing was sent. `auth`: the sign-in failed.
 * `permission`: signed in, a permission is missing. `not-found`, `conflict`, `throttled`: as the
 * service said. `service`: any other service or network failure (rejected content, 5xx, timeout).
 * `cancelled`: stopped by the caller. `bug`: none of these: a defect.
 */
export type ErrorKind =
  | "usage"
  | "auth"
  | "permission"
  | "not-found"
  | "conflict"
  | "throttled"
  | "service"
  | "cancelled"
  | "bug";

/** The kinds, in the order above. */
export const ERROR_KINDS: readonly ErrorKind[] = [
  "usage",
  "auth",
  "permission",
  "not-found",
  "conflict",
  "throttled",
  "service",
  "cancelled",
  "bug",
];

/** The fields of a failed service call the classification reads (an `ApiError` has them all). */
export interface ServiceFailure {
  name: string;
  message: string;
  service: "graph" | "arm" | "login" | (string & {});
  status: number;
  code: string;
  requestId?: string | undefined;
  clientRequestId?: string | undefined;
  retryAfterMs?: number | undefined;
  requiredPermissions?: readonly string[] | undefined;
  reason?: string | undefined;
  requestMayHaveBeenSent?: boolean | undefined;
  /** A 404 for an object this client created moments ago (not replicated yet). */
  createdMomentsAgo?: boolean | undefined;
}

/** The kind of each error of core's `ApiError` family, by name. */
const SERVICE_KINDS: Readonly<Record<string, ErrorKind>> = {
  ApiError: "service",
  ValidationError: "service",
  ConnectionError: "service",
  ThrottledError: "throttled",
  AuthenticationError: "auth",
  PermissionError: "permission",
  NotFoundError: "not-found",
  ConflictError: "conflict",
};

/** Core's errors that are the caller's input or set-up (nothing was sent), by name. */
const USAGE_NAMES: ReadonlySet<string> = new Set([
  "InputError",
  "InvalidInputError",
  "RemovalNotConfirmedError",
  "CredentialConfigurationError",
  "ProfileError",
]);

/**
 * True for an error of core's `ApiError` family, from any copy of `@ciamkit/core`: its name is one of
 * the family's and it has `status`, `code` and `service` (as the Azure SDK's `isRestError`).
 */
export function isServiceFailure(value: unknown): value is ServiceFailure {
  if (typeof value !== "object" || value === null) return false;
  const error = value as Partial<Record<keyof ServiceFailure, unknown>>;
  return (
    typeof error.name === "string" &&
    Object.hasOwn(SERVICE_KINDS, error.name) &&
    typeof error.message === "string" &&
    typeof error.status === "number" &&
    typeof error.code === "string" &&
    typeof error.service === "string"
  );
}

/**
 * The kind of any thrown value. An error may state its own with a `kind` field (a front end's usage
 * error does); core's errors are known by name; a file the user named that cannot be used is `usage`;
 * anything else is a `bug`.
 */
export function errorKind(error: unknown): ErrorKind {
  if (typeof error !== "object" || error === null) return "bug";
  const own = (error as { kind?: unknown }).kind;
  if (typeof own === "string" && (ERROR_KINDS as readonly string[]).includes(own)) return own as ErrorKind;
  if (isServiceFailure(error)) return SERVICE_KINDS[error.name] ?? "service";
  const name = (error as { name?: unknown }).name;
  if (name === "AbortError") return "cancelled";
  if (typeof name === "string" && USAGE_NAMES.has(name)) return "usage";
  return fileProblem(error) === undefined ? "bug" : "usage";
}

/** What the file system says about a file the user named: where it is and what to do about it. */
const FILE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: "does not exist (or its folder does not)",
  ENOTDIR: "is not in a folder (a part of the path is a file)",
  EISDIR: "is a folder, not a file",
  EACCES: "is not accessible to you",
  EPERM: "is not accessible to you",
  EEXIST: "already exists",
  EROFS: "is on a read-only file system",
  ENAMETOOLONG: "is too long a name",
  ELOOP: "has too many symbolic links",
};

/**
 * A file-system error about a path (a file to read, a folder to write into), said as the user's
 * input: `<path> does not exist (or its folder does not) (ENOENT); check the path`. Undefined for
 * other errors (an errno without a path is a defect, not the user's file).
 */
export function fileProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Partial<NodeJS.ErrnoException>;
  if (typeof e.code !== "string" || typeof e.path !== "string") return undefined;
  const problem = FILE_PROBLEMS[e.code];
  if (problem === undefined) return undefined;
  return `${e.path} ${problem} (${e.code}); check the path`;
}

/** Who the advice is for: the program the user runs, named in it (`ciam-mcp`). */
export interface AdviceFor {
  program: string;
}

/**
 * The next step for a failed service call, by its kind, for whoever acts on it through a program
 * (a model driving `ciam-mcp`): a missing permission names the permissions and whom to grant them,
 * a throttle how long to wait, a sign-in failure what to check. (The error's own `message` carries
 * core's shorter advice for library callers and the CLI's one-line errors.)
 */
export function nextStep(error: ServiceFailure, kind: ErrorKind, who: AdviceFor): string {
  switch (kind) {
    case "permission": {
      if (error.reason === "delegated-only")
        return `do not ask for an application permission: this API takes a signed-in administrator only (see the message above); tell the user to restart ${who.program} with a device-code profile (ciam login --auth device-code, then --profile).`;
      if (error.reason === "wrong-tenant-kind")
        return "do not ask for a permission grant: this tenant's kind has no such API (see the message above); tell the user it needs an Azure AD B2C tenant.";
      const needed = error.requiredPermissions ?? [];
      return needed.length > 0
        ? `grant ${needed.join(" and ")} to the app ${who.program} signs in as (see the message above), then retry.`
        : `grant the missing permission to the app ${who.program} signs in as, then retry.`;
    }
    case "throttled": {
      const wait = error.retryAfterMs === undefined ? "a while" : `${Math.ceil(error.retryAfterMs / 1000)} s`;
      return `wait ${wait} before calling again, and make fewer calls at once.`;
    }
    case "auth":
      return error.service === "login"
        ? `${who.program} could not sign in: tell the user to fix the credential it was started with (the message above names what to check), then restart ${who.program}; retrying will not help.`
        : `check the credential ${who.program} runs with (AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret, certificate or token file).`;
    case "not-found":
      return error.createdMomentsAgo === true
        ? "this object was created moments ago and may need a few seconds to replicate: retry shortly."
        : "check the id (list the objects to find it).";
    case "conflict":
      // Graph answers some unique-key clashes with a 400: the service rejected the content.
      return error.status === 409
        ? "an object with the same key exists; read it instead of creating it again."
        : "change the input the service rejected (the message says which) and retry.";
    default:
      return serviceNextStep(error);
  }
}

function serviceNextStep(error: ServiceFailure): string {
  if (error.name === "ConnectionError")
    return error.requestMayHaveBeenSent === false
      ? "the service could not be reached; check the network and retry."
      : "the service could not be reached in time; read the object back to see whether the change happened before retrying.";
  if (error.status === 400 || error.status === 422)
    return "change the input the service rejected (the message says which) and retry.";
  return error.status >= 500
    ? "the service failed; retry in a moment, and quote the request id if it keeps failing."
    : "see the message above.";
}

/**
 * The ids a support ticket needs, as `request-id …, client-request-id …` (empty when there are none).
 */
export function supportIds(error: ServiceFailure, which: { clientRequestId?: boolean } = {}): string[] {
  return [
    error.requestId === undefined ? undefined : `request-id ${error.requestId}`,
    which.clientRequestId === false || error.clientRequestId === undefined
      ? undefined
      : `client-request-id ${error.clientRequestId}`,
  ].filter((s) => s !== undefined);
}
