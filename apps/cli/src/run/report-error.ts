import {
  type ErrorKind,
  errorKind,
  fileProblem,
  isServiceFailure,
  type ServiceFailure,
} from "@ciamkit/core/error-kinds";
import { EXIT, type ExitCode } from "./exit-codes.ts";

/** The exit code of each kind of failure core's classifier names (docs/cli.md, Exit codes). */
export const EXIT_BY_KIND: Readonly<Record<ErrorKind, ExitCode>> = {
  usage: EXIT.usage,
  auth: EXIT.auth,
  permission: EXIT.permission,
  "not-found": EXIT.notFound,
  conflict: EXIT.api,
  throttled: EXIT.api,
  service: EXIT.api,
  cancelled: EXIT.interrupted,
  bug: EXIT.failure,
};

/**
 * The exit code and the one-line message for an error thrown while running a command, from core's
 * classification ({@link errorKind}): the kind picks the exit code, and a service error's line ends
 * with its code and request id.
 */
export function describeError(error: unknown): { code: ExitCode; message: string } {
  const kind = errorKind(error);
  const code = EXIT_BY_KIND[kind];
  const message = error instanceof Error ? error.message : String(error);
  if (kind === "cancelled") return { code, message: "cancelled" };
  if (kind === "bug")
    // Exit 1 is kept for what no rule foresaw: a defect in ciam, said as such.
    return {
      code,
      message: `unexpected error (a bug in ciam; please report it with the command you ran): ${message}`,
    };
  if (!isServiceFailure(error)) return { code, message: fileProblem(error) ?? message };
  // Core's token-service errors already start with "Sign-in failed (code)"; a 401 from Graph does not.
  const said = kind !== "auth" || /^sign-in failed\b/i.test(message) ? message : `sign-in failed: ${message}`;
  return { code, message: withRequestId(error, said) };
}

/**
 * One line ending with the service's error code and request id, as the Azure CLI shows them: the code
 * is what a script or a search matches on, the request id what a support ticket needs.
 */
function withRequestId(error: ServiceFailure, message: string): string {
  const line = message.replace(/\s*\n\s*/g, " ");
  const code = error.code !== "" && !line.includes(error.code) ? error.code : undefined;
  const ids = [code, error.requestId === undefined ? undefined : `request-id ${error.requestId}`].filter(
    (part) => part !== undefined,
  );
  return ids.length === 0 ? line : `${line} (${ids.join(", ")})`;
}
