import { escapeControlCharacters } from "@ciamkit/core/display-text";
import { colorsFor } from "../terminal/colors.ts";
import { describeError } from "./report-error.ts";

/** Prints an error as one line on stderr and sets the exit code it maps to. */
export function fail(error: unknown, aborted = false): void {
  const { code, message } = aborted ? { code: 130 as const, message: "cancelled" } : describeError(error);
  const c = colorsFor(process.stderr);
  // One line, and nothing in it (a display name, a service's text) may move the cursor or reorder it.
  const line = escapeControlCharacters(message.replace(/\s*\r?\n\s*/g, " ").trim());
  process.stderr.write(`${c.red("ciam: error:")} ${line}\n`);
  process.exitCode = code;
}
