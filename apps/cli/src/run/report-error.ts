import type { ApiError } from "@ciamkit/core";
import { EXIT, type ExitCode, UsageError } from "./exit-codes.ts";

/** The exit code and the one-line message for an error thrown while running a command. */
export function describeError(error: unknown): { code: ExitCode; message: string } {
  if (error instanceof UsageError) return { code: EXIT.usage, message: error.message };
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case "AbortError":
      return { code: EXIT.interrupted, message: "cancelled" };
    case "QueryError":
    case "InputError":
    case "InvalidInputError":
    case "RemovalNotConfirmedError":
    case "CredentialConfigurationError":
    case "ProfileError":
      return { code: EXIT.usage, message };
    case "AuthenticationError":
      return {
        code: EXIT.auth,
        // Core's token-service errors already start with "Sign-in failed (code)"; a 401 from Graph does not.
        message: withRequestId(
          error as ApiError,
          /^sign-in failed\b/i.test(message) ? message : `sign-in failed: ${message}`,
        ),
      };
    case "EmulatorBusyError":
      return { code: EXIT.api, message };
    case "PermissionError":
      return { code: EXIT.permission, message: withRequestId(error as ApiError, message) };
    case "NotFoundError":
      return { code: EXIT.notFound, message: withRequestId(error as ApiError, message) };
    default: {
      if (isApiLike(error)) return { code: EXIT.api, message: withRequestId(error, message) };
      const file = fileProblem(error);
      if (file !== undefined) return { code: EXIT.usage, message: file };
      // Exit 1 is kept for what no rule above foresaw: a defect in ciam, said as such.
      return {
        code: EXIT.failure,
        message: `unexpected error (a bug in ciam; please report it with the command you ran): ${message}`,
      };
    }
  }
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
 * A file-system error about a path (a file to read, a folder to write into): the user's input, so
 * a usage error naming the path, not a crash. Errors without a path are left to the defect rule.
 */
function fileProblem(error: unknown): string | undefined {
  const e = error as Partial<NodeJS.ErrnoException> | null;
  if (!(error instanceof Error) || typeof e?.code !== "string" || typeof e.path !== "string")
    return undefined;
  const problem = FILE_PROBLEMS[e.code];
  if (problem === undefined) return undefined;
  return `${e.path} ${problem} (${e.code}); check the path`;
}

function isApiLike(error: unknown): error is ApiError {
  return (
    error instanceof Error && typeof (error as Partial<ApiError>).status === "number" && "service" in error
  );
}

/**
 * One line ending with the service's error code and request id, as the Azure CLI shows them: the code
 * is what a script or a search matches on, the request id what a support ticket needs.
 */
function withRequestId(error: ApiError, message: string): string {
  const line = message.replace(/\s*\n\s*/g, " ");
  const code =
    typeof error.code === "string" && error.code !== "" && !line.includes(error.code)
      ? error.code
      : undefined;
  const ids = [code, error.requestId === undefined ? undefined : `request-id ${error.requestId}`].filter(
    (part) => part !== undefined,
  );
  return ids.length === 0 ? line : `${line} (${ids.join(", ")})`;
}
