/**
 * Streamed readers of an import file: CSV (csv-source.ts) and JSON Lines (node:readline), both behind
 * a UTF-8 check. Each yields one record at a time with its 1-based line number, so memory does not
 * grow with the file. Inline text (see import-input.ts) is read the same way.
 */
import { createHash, type Hash } from "node:crypto";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream";
import { csvRows } from "./csv-source.ts";
import { openSource, type RowSource, sourceName } from "./import-input.ts";
import { Utf8Check } from "./utf8-check.ts";

export { csvHeader } from "./csv-source.ts";

/** The formats an import or export file can have. */
export type BulkFileFormat = "csv" | "jsonl";

/** One input record: the line it starts on, and its fields by column name (or an error). */
export interface SourceRow {
  line: number;
  fields: Record<string, unknown>;
  /** Set when the line could not be parsed at all (bad JSON); `fields` is then empty. */
  parseError?: string | undefined;
}

/** The format from the option, else from the file name (`.csv`, else JSON Lines). */
export function formatOf(path: string, format?: BulkFileFormat): BulkFileFormat {
  if (format !== undefined) return format;
  return /\.csv$/i.test(path) ? "csv" : "jsonl";
}

async function* jsonlRows(source: RowSource, signal?: AbortSignal, hash?: Hash): AsyncGenerator<SourceRow> {
  const input = new Utf8Check("user_import", sourceName(source), hash);
  pipeline(openSource(source, signal), input, () => {
    // An error, if any, reaches the loop below: readline rejects its iteration with it.
  });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        yield { line, fields: {}, parseError: "the line is not a JSON object" };
      } else {
        yield { line, fields: value as Record<string, unknown> };
      }
    } catch {
      yield { line, fields: {}, parseError: "the line is not valid JSON" };
    }
  }
}

/** The records of an import file (or of inline text), streamed. */
export function readRows(
  source: RowSource,
  format: BulkFileFormat,
  signal?: AbortSignal,
  hash?: Hash,
): AsyncGenerator<SourceRow> {
  return format === "csv" ? csvRows(source, signal, hash) : jsonlRows(source, signal, hash);
}

/** What one full pass over an import file found: a hash of its bytes, and its records. */
export interface InputScan {
  /** `sha256:<hex>` of the file's bytes (of inline text, its UTF-8 bytes): what a journal is bound to. */
  identity: string;
  rows: number;
}

/**
 * Reads the whole input once before anything is written: a file that cannot be parsed (a broken
 * quote, bytes that are not UTF-8, a header naming a column twice) fails here, with nothing sent;
 * otherwise the hash of its bytes and its exact record count come back.
 */
export async function scanInput(
  source: RowSource,
  format: BulkFileFormat,
  signal?: AbortSignal,
): Promise<InputScan> {
  const hash = createHash("sha256");
  let rows = 0;
  for await (const _ of readRows(source, format, signal, hash)) rows++;
  return { identity: `sha256:${hash.digest("hex")}`, rows };
}

/**
 * The number of non-blank lines of a file, minus the header of a CSV: the rows an import will read
 * (a CSV record spanning lines counts once per line, so this is an upper bound), counted in one
 * streamed pass so progress can show a total without holding the file.
 */
export async function countRows(
  source: RowSource,
  format: BulkFileFormat,
  signal?: AbortSignal,
): Promise<number> {
  let lines = 0;
  let blank = true;
  for await (const chunk of openSource(source, signal) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (!blank) lines++;
        blank = true;
      } else if (byte !== 0x0d && byte !== 0x20 && byte !== 0x09) blank = false;
    }
  }
  if (!blank) lines++;
  return Math.max(0, format === "csv" ? lines - 1 : lines);
}
