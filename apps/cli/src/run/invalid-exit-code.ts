import { EXIT, type ExitCode } from "./exit-codes.ts";

/**
 * A check that found the configuration invalid (`custom-extension validate` and `wire`: Graph's
 * validateAuthenticationConfiguration reported errors) exits 6, so scripts and CI stop there; the
 * result, with the fixes it names, is printed as usual.
 */
export function invalidExitCode(result: unknown): ExitCode | undefined {
  const r = result as { valid?: unknown; validation?: { valid?: unknown } } | null;
  return r?.valid === false || r?.validation?.valid === false ? EXIT.api : undefined;
}
