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
