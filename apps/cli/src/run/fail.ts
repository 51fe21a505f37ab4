import { colorsFor } from "../terminal/colors.ts";
import { describeError } from "./report-error.ts";

/** Prints an error as one line on stderr and sets the exit code it maps to. */
export function fail(error: unknown, aborted = false): void {
  const { code, message } = aborted ? { code: 130 as const, message: "cancelled" } : describeError(error);
  const c = colorsFor(process.stderr);
  process.stderr.write(`${c.red("ciam: error:")} ${message}\n`);
  process.exitCode = code;
}
