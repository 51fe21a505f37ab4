/**
 * The reject file: one JSON line per bad row, with its line number and reasons, secrets removed. It
 * holds customers' names and e-mails, so it is owner-only (0600).
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { openOwnerOnly } from "./file-access.ts";

/** One rejected row as written to the reject file. */
export interface RejectEntry {
  line: number;
  reasons: string[];
  fields: Record<string, unknown>;
}

/** Writes rejects as JSON Lines; a run starts the file afresh because validation is repeated on every run. */
export class RejectFile {
  readonly #stream: WriteStream | undefined;
  readonly #secretColumns: ReadonlySet<string>;

  constructor(path: string | undefined, secretColumns: ReadonlySet<string>) {
    this.#stream = path === undefined ? undefined : createWriteStream(path, { fd: openOwnerOnly(path, "w") });
    this.#secretColumns = secretColumns;
  }

  /** Records a bad row; password columns are replaced by a marker, never copied. */
  write(line: number, reasons: string[], record: Record<string, unknown>): void {
    if (this.#stream === undefined) return;
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) fields[k] = this.#secretColumns.has(k) ? "[redacted]" : v;
    const entry: RejectEntry = { line, reasons, fields };
    this.#stream.write(`${JSON.stringify(entry)}\n`);
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    const stream = this.#stream;
    if (stream === undefined) return Promise.resolve();
    return new Promise((resolve, reject) =>
      stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
