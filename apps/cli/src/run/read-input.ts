import { readFileSync } from "node:fs";
import { UsageError } from "./exit-codes.ts";

/** Reads `--input <file|->`: one JSON object, from a file or stdin. */
export function readInput(source: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(source === "-" ? 0 : source, "utf8");
  } catch (error) {
    throw new UsageError(
      `--input ${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); give a JSON file or - for stdin`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--input ${source} is not valid JSON (${(error as Error).message}); give one JSON object`,
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`--input ${source} must hold one JSON object of input fields`);
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a secret option's value from stdin (`--client-secret-stdin`): the whole of stdin, less one
 * trailing line break (`echo` adds one). Never echoes the value, not even in its errors.
 */
export function readSecretFromStdin(
  spec: { options: readonly { field: string; flag: string }[] },
  field: string,
  inputSource: string | undefined,
  given: boolean,
): string {
  const flag = spec.options.find((o) => o.field === field)?.flag ?? field;
  if (given) throw new UsageError(`give either --${flag} or --${flag}-stdin, not both`);
  if (inputSource === "-") {
    throw new UsageError(`--${flag}-stdin and --input - both read stdin; give --input a file instead`);
  }
  if (process.stdin.isTTY === true) {
    throw new UsageError(`--${flag}-stdin reads a piped value; pipe it in (printf %s "$SECRET" | ciam …)`);
  }
  let text: string;
  try {
    text = readFileSync(0, "utf8");
  } catch (error) {
    throw new UsageError(
      `--${flag}-stdin: stdin cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  const value = text.replace(/\r?\n$/, "");
  if (value === "") throw new UsageError(`--${flag}-stdin: stdin was empty; pipe the value in`);
  return value;
}
