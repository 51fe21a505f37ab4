import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { UsageError } from "./exit-codes.ts";

/** The most `--input` may hold: far above any catalog input (a branding image is under 400 KB as base64). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** The most a `--*-stdin` secret may hold (a private key or password is a few KB at most). */
export const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The whole of a stream as UTF-8 text, at most `limit` bytes. Read as a stream, not with
 * `readFileSync(0)`: a pipe whose producer is still working (a vault CLI, another `ciam`) is
 * non-blocking, and a synchronous read fails on it with EAGAIN instead of waiting.
 */
export async function readText(
  stream: Readable,
  limit: number,
  what: string,
  next = "pipe the value in",
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > limit) {
        stream.destroy();
        throw new UsageError(`${what} holds more than ${limit} bytes; give less`);
      }
      chunks.push(bytes);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${what} cannot be read (${code}); ${next}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new UsageError(`${what} is not UTF-8 text`);
  }
}

/** Reads `--input <file|->`: one JSON object, from a file or stdin. */
export async function readInput(source: string): Promise<Record<string, unknown>> {
  const text =
    source === "-"
      ? await readText(process.stdin, MAX_INPUT_BYTES, "--input - (stdin)")
      : await readText(
          createReadStream(source),
          MAX_INPUT_BYTES,
          `--input ${source}`,
          "give a JSON file or - for stdin",
        );
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
export async function readSecretFromStdin(
  spec: { options: readonly { field: string; flag: string }[] },
  field: string,
  inputSource: string | undefined,
  given: boolean,
): Promise<string> {
  const flag = spec.options.find((o) => o.field === field)?.flag ?? field;
  if (given) throw new UsageError(`give either --${flag} or --${flag}-stdin, not both`);
  if (inputSource === "-") {
    throw new UsageError(`--${flag}-stdin and --input - both read stdin; give --input a file instead`);
  }
  return readStdinSecret(`--${flag}-stdin`);
}

/**
 * A secret piped on stdin for `flag`, less one trailing line break. Refused on a terminal (the value
 * would be typed in clear and shown) and when empty.
 */
export async function readStdinSecret(flag: string): Promise<string> {
  if (process.stdin.isTTY === true) {
    throw new UsageError(`${flag} reads a piped value; pipe it in (printf %s "$SECRET" | ciam …)`);
  }
  const value = (await readText(process.stdin, MAX_SECRET_BYTES, `${flag}: stdin`)).replace(/\r?\n$/, "");
  if (value === "") throw new UsageError(`${flag}: stdin was empty; pipe the value in`);
  return value;
}
