/**
 * Streamed readers of an import file: CSV (csv-parse) and JSON Lines (node:readline). Each yields one
 * record at a time with its 1-based line number, so memory does not grow with the file. Inline text
 * (see import-input.ts) is read the same way.
 */
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { openSource, type RowSource } from "./import-input.ts";

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

async function* csvRows(path: RowSource, signal?: AbortSignal): AsyncGenerator<SourceRow> {
  const parser = openSource(path, signal).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      // A short row is a row with empty trailing fields, reported by validation, not a parse failure.
      relax_column_count: true,
    }),
  );
  for await (const item of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; records: number };
  }>) {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item.record)) if (v !== "") fields[k] = v;
    // `info.lines` is the line the record ends on; multi-line quoted fields are rare in user exports.
    yield { line: item.info.lines, fields };
  }
}

/** The column names of a CSV file's header row (empty for an empty file), read without the rest of the file. */
export async function csvHeader(path: RowSource, signal?: AbortSignal): Promise<string[]> {
  const parser = openSource(path, signal).pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, to: 1 }),
  );
  for await (const record of parser as AsyncIterable<string[]>) {
    parser.destroy();
    return record;
  }
  return [];
}

async function* jsonlRows(path: RowSource, signal?: AbortSignal): AsyncGenerator<SourceRow> {
  const lines = createInterface({
    input: openSource(path, signal),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
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

/** The records of an import file, streamed. */
export function readRows(
  path: RowSource,
  format: BulkFileFormat,
  signal?: AbortSignal,
): AsyncGenerator<SourceRow> {
  return format === "csv" ? csvRows(path, signal) : jsonlRows(path, signal);
}

/**
 * The number of non-blank lines of a file, minus the header of a CSV: the rows an import will read
 * (a CSV record spanning lines counts once per line, so this is an upper bound), counted in one
 * streamed pass so progress can show a total without holding the file.
 */
export async function countRows(
  path: RowSource,
  format: BulkFileFormat,
  signal?: AbortSignal,
): Promise<number> {
  let lines = 0;
  let blank = true;
  for await (const chunk of openSource(path, signal) as AsyncIterable<Buffer>) {
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
