/**
 * The CSV reader of an import file or of inline CSV text (csv-parse behind a UTF-8 check), streamed one
 * record at a time. Each record carries the line it starts on; input that cannot be parsed fails with
 * an {@link InvalidInputError} naming the line where the broken record starts (not where the parser
 * gave up), and a header that names a column twice is refused. Errors never quote the input
 * (csv-parse's own messages do: `… value is "SECRET=…"`).
 */
import type { Hash } from "node:crypto";
import { pipeline } from "node:stream";
import type * as CsvParse from "csv-parse";
import type { Options, Parser } from "csv-parse";
import { lazyModule } from "../lazy-module.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { openSource, type RowSource, sourceName } from "./import-input.ts";
import type { SourceRow } from "./row-source.ts";
import { Utf8Check } from "./utf8-check.ts";

const loadCsvParse = lazyModule<typeof CsvParse>("csv-parse");

/** The operation the readers report errors for. */
const OPERATION = "user_import";

const OPTIONS: Options = {
  bom: true,
  skip_empty_lines: true,
  trim: true,
  // A short row is a row with empty trailing fields, reported by validation, not a parse failure.
  relax_column_count: true,
};

/** Where the parser is: the line the last record ended on and the empty lines skipped so far. */
interface Position {
  end: number;
  empty: number;
}

/** The line the next record starts on, from the parser's counts at its end (or at an error). */
function startLine(last: Position, emptyLines: number | undefined): number {
  return last.end + 1 + Math.max(0, (emptyLines ?? last.empty) - last.empty);
}

/** A csv-parse error as an input error naming the line its record starts on; other errors unchanged. */
function parseError(file: string, error: unknown, last: Position): unknown {
  const code = (error as { code?: unknown }).code;
  // csv-parse's codes: CSV_… and INVALID_OPENING_QUOTE (its message quotes the field).
  if (typeof code !== "string" || !/^(CSV_|INVALID_)/.test(code)) return error;
  const info = error as { lines?: number; empty_lines?: number };
  const line = startLine(last, info.empty_lines);
  const at = info.lines !== undefined && info.lines !== line ? ` (at line ${info.lines})` : "";
  const why =
    code === "CSV_QUOTE_NOT_CLOSED"
      ? "a quoted field opens in the record starting here and is never closed"
      : code === "CSV_INVALID_CLOSING_QUOTE" || code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE"
        ? `a quoted field in the record starting here is followed by other characters${at}`
        : code === "INVALID_OPENING_QUOTE"
          ? `a field in the record starting here has a quote inside it but does not start with one${at}`
          : `the record starting here is not valid CSV (${code})`;
  return new InvalidInputError(OPERATION, [
    `${file}: line ${line}: ${why}; a quote inside a quoted field is written twice ("")`,
  ]);
}

/** The header's names, trimmed; a name given twice is refused (the last column would silently win). */
function headerNames(file: string, line: number, names: readonly string[]): string[] {
  const trimmed = names.map((n) => n.trim());
  const first = new Map<string, number>();
  trimmed.forEach((name, i) => {
    if (name === "") return;
    const earlier = first.get(name);
    if (earlier !== undefined)
      throw new InvalidInputError(OPERATION, [
        `${file}: line ${line}: columns ${earlier + 1} and ${i + 1} of the header have the same name; rename one of them`,
      ]);
    first.set(name, i);
  });
  return trimmed;
}

/** A parser fed from `source` through the UTF-8 check; errors of any stage end its iteration. */
function parser(source: RowSource, options: Options, signal?: AbortSignal, hash?: Hash): Parser {
  const csv = loadCsvParse().parse(options);
  pipeline(openSource(source, signal), new Utf8Check(OPERATION, sourceName(source), hash), csv, () => {
    // The error, if any, reaches the reader through the parser's iteration.
  });
  return csv;
}

/** The records of a CSV file (or text) by column name, each with the line it starts on. `hash` sees every byte. */
export async function* csvRows(
  source: RowSource,
  signal?: AbortSignal,
  hash?: Hash,
): AsyncGenerator<SourceRow> {
  const file = sourceName(source);
  // Kept by the parser's callbacks as it parses, which can be ahead of the records read so far: at an
  // error it is where the broken record starts.
  const last: Position = { end: 0, empty: 0 };
  const options = {
    ...OPTIONS,
    columns: (names: string[]) => {
      const line = startLine(last, csv.info.empty_lines);
      last.end = csv.info.lines;
      last.empty = csv.info.empty_lines;
      return headerNames(file, line, names);
    },
    on_record: (record: Record<string, string>, info: { lines: number; empty_lines: number }) => {
      const line = startLine(last, info.empty_lines);
      last.end = info.lines;
      last.empty = info.empty_lines;
      return { record, line };
    },
  };
  // csv-parse's types tie on_record to array records; with `columns` it receives (and may return) objects.
  const csv: Parser = parser(source, options as unknown as Options, signal, hash);
  try {
    for await (const { record, line } of csv as AsyncIterable<{
      record: Record<string, string>;
      line: number;
    }>) {
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) if (v !== "") fields[k] = v;
      yield { line, fields };
    }
  } catch (error) {
    throw parseError(file, error, last);
  }
}

/** The column names of a CSV file's header row (empty for an empty file), read without the rest of the file. */
export async function csvHeader(source: RowSource, signal?: AbortSignal): Promise<string[]> {
  const file = sourceName(source);
  const csv = parser(source, { ...OPTIONS, info: true, to: 1 }, signal);
  try {
    for await (const item of csv as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      csv.destroy();
      return headerNames(file, item.info.lines, item.record);
    }
  } catch (error) {
    throw parseError(file, error, { end: 0, empty: 0 });
  }
  return [];
}
