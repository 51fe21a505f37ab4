import { EXIT, type ExitCode } from "./exit-codes.ts";

/**
 * `--detailed-exitcode` (`ciam config plan`), Terraform's convention so CI can gate on drift: 0 when
 * the plan has no changes, 2 when it has some, and 1 for any failure that would otherwise exit 2
 * (bad input), so that 2 means only "changes". Without the flag the usual codes apply.
 */
export function detailedExitCode(input: Record<string, unknown>, result: unknown): ExitCode | undefined {
  if (input.detailedExitcode !== true) return undefined;
  const changes = (result as { changes?: unknown } | null)?.changes;
  return Array.isArray(changes) && changes.length > 0 ? EXIT.usage : EXIT.success;
}

/** The exit code of a failure under `--detailed-exitcode`: a usage error (2) becomes 1. */
export function detailedFailureCode(
  input: Record<string, unknown>,
  code: number | undefined,
): number | undefined {
  return input.detailedExitcode === true && code === EXIT.usage ? EXIT.failure : code;
}
