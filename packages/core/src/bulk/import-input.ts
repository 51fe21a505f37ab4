/**
 * What an import reads: a file on the host (the CLI's, or one inside `ciam-mcp --files-dir`), or the
 * same data given inline, as the file's text (`content`) or as records (`rows`). Inline data goes
 * through the same readers as a file, so it is parsed, validated and reported the same way.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { hostPath } from "../operations/host-paths.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import type { BulkFileFormat } from "./row-source.ts";

/** The most characters of `content`, and of `rows` written as JSON Lines (MCP messages are at most 4 MiB). */
export const INLINE_IMPORT_MAX_CHARS = 1024 * 1024;
/** The most records of `rows`. */
export const INLINE_IMPORT_MAX_ROWS = 5000;

const LARGER = "larger imports: a file with the ciam CLI, or in ciam-mcp's --files-dir";

/** Where a bulk run writes its JSON report (`user_import`, `user_bulk_delete`). */
export const reportFileSchema = hostPath("write", "Where to write the JSON report.").optional();

/** `$batch` envelopes a bulk run keeps in flight. */
export const maxConcurrencySchema = z
  .number()
  .int()
  .min(1)
  .max(32)
  .default(8)
  .describe("$batch envelopes in flight at most.");

/** The file's text given inline. */
export const importContentSchema = z
  .string()
  .min(1)
  .max(INLINE_IMPORT_MAX_CHARS, `at most ${INLINE_IMPORT_MAX_CHARS} characters inline; ${LARGER}`);

/** Records given inline: column → value, as the lines of a JSON Lines file. */
export const importRowsSchema = z
  .array(z.record(z.string().max(200), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()])))
  .min(1)
  .max(INLINE_IMPORT_MAX_ROWS, `at most ${INLINE_IMPORT_MAX_ROWS} rows inline; ${LARGER}`);

/** Text given in place of a file. `name` stands for the file in messages (`content`, `rows`). */
export interface InlineText {
  readonly name: string;
  readonly text: string;
}

/** A file path, or text given in its place. */
export type RowSource = string | InlineText;

/** How messages name a source: the file's path, or the input that carried the text. */
export function sourceName(source: RowSource): string {
  return typeof source === "string" ? source : source.name;
}

/** The bytes of a source, streamed (a file) or in one chunk (inline text). */
export function openSource(source: RowSource, signal?: AbortSignal): Readable {
  return typeof source === "string"
    ? createReadStream(source, { signal })
    : Readable.from([Buffer.from(source.text, "utf8")], { signal });
}

/**
 * Inline text is the same as a file's bytes only when it is well-formed: half of a surrogate pair
 * (`"\ud800"` in the call's JSON) has no UTF-8 form, and would be written as U+FFFD. It is refused,
 * as bytes that are not UTF-8 are in a file (see utf8-check.ts).
 */
const NOT_UNICODE =
  "is not valid Unicode text (half of a surrogate pair, a lone \\uD800–\\uDFFF escape, which UTF-8 cannot hold); send the text as UTF-8 and call again";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The index of the first lone surrogate of a string value, or -1 (also for any other value). */
function halfSurrogate(value: unknown): number {
  return typeof value === "string" ? value.search(LONE_SURROGATE) : -1;
}

/** Inline data to import, and its format. */
export interface InlineSource {
  source: InlineText;
  format: BulkFileFormat;
}

/**
 * The inline source of `content` or `rows` (rows become JSON Lines: line N is row N), or undefined
 * for a file. `content` is JSON Lines when it says so or starts with `{`, else CSV.
 */
export function inlineSource(options: {
  content?: string | undefined;
  rows?: readonly Record<string, unknown>[] | undefined;
  format?: BulkFileFormat | undefined;
}): InlineSource | undefined {
  if (options.rows !== undefined) {
    options.rows.forEach((row, i) => {
      if (Object.entries(row).some(([k, v]) => halfSurrogate(k) !== -1 || halfSurrogate(v) !== -1))
        throw new InvalidInputError("user_import", [`rows: row ${i + 1} ${NOT_UNICODE}`]);
    });
    const text = options.rows.map((row) => JSON.stringify(row)).join("\n");
    if (text.length > INLINE_IMPORT_MAX_CHARS)
      throw new InvalidInputError("user_import", [
        `rows: more than ${INLINE_IMPORT_MAX_CHARS} characters as JSON; ${LARGER}`,
      ]);
    return { source: { name: "rows", text }, format: "jsonl" };
  }
  if (options.content === undefined) return undefined;
  const bad = halfSurrogate(options.content);
  if (bad !== -1) {
    const before = options.content.slice(0, bad).split("\n");
    const column = [...(before.at(-1) ?? "")].length + 1;
    throw new InvalidInputError("user_import", [
      `content: line ${before.length}, column ${column} ${NOT_UNICODE}`,
    ]);
  }
  const format = options.format ?? (options.content.trimStart().startsWith("{") ? "jsonl" : "csv");
  return { source: { name: "content", text: options.content }, format };
}
