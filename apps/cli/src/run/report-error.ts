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
    case "InvalidInputError":
    case "CredentialConfigurationError":
    case "ProfileError":
      return { code: EXIT.usage, message };
    case "AuthenticationError":
      return { code: EXIT.auth, message: withRequestId(error as ApiError, `sign-in failed: ${message}`) };
    case "PermissionError":
      return { code: EXIT.permission, message: withRequestId(error as ApiError, message) };
    case "NotFoundError":
      return { code: EXIT.notFound, message: withRequestId(error as ApiError, message) };
    default:
      if (isApiLike(error)) return { code: EXIT.api, message: withRequestId(error, message) };
      return { code: EXIT.failure, message: `unexpected error: ${message}` };
  }
}

function isApiLike(error: unknown): error is ApiError {
  return (
    error instanceof Error && typeof (error as Partial<ApiError>).status === "number" && "service" in error
  );
}

function withRequestId(error: ApiError, message: string): string {
  const line = message.replace(/\s*\n\s*/g, " ");
  return error.requestId === undefined ? line : `${line} (request-id ${error.requestId})`;
}
