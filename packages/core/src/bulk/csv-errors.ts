/**
 * csv-parse's errors quote the file (`Invalid Opening Quote: … value is "SECRET=ab"`): an import file
 * may be any file the process can read, and the message may reach a model or a log. This turns them
 * into a message that says where and what kind, never what.
 */
import { InvalidInputError } from "../operations/run-operation.ts";

/** What each csv-parse error means, in words that do not need the text. */
const KINDS: Readonly<Record<string, string>> = {
  INVALID_OPENING_QUOTE: "a quote inside a field that does not start with one",
  CSV_INVALID_CLOSING_QUOTE: "text right after a closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text right after a closing quote",
  CSV_QUOTE_NOT_CLOSED: "a quote that is never closed",
  CSV_MAX_RECORD_SIZE: "a record larger than the parser accepts",
};

/** A csv-parse error (it has a `code` and the line it stopped at) as an {@link InvalidInputError} naming `where`; any other error as it is. */
export function csvErrorWithoutContent(error: unknown, where: string): unknown {
  if (!(error instanceof Error)) return error;
  const { code, lines } = error as { code?: unknown; lines?: unknown };
  if (typeof code !== "string" || !/^(CSV_|INVALID_)/.test(code)) return error;
  const line = typeof lines === "number" ? ` at line ${lines}` : "";
  const kind = KINDS[code] ?? `not valid CSV (${code})`;
  return new InvalidInputError("user_import", [
    `${where}: not valid CSV${line}: ${kind}. Next: quote a field that holds a quote, a comma or a line break ("a ""b"" c"), or import it as JSON Lines`,
  ]);
}
