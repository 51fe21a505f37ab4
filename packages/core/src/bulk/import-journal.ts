/**
 * The import journal: JSON Lines appended synchronously, one entry per row attempt and per committed
 * row, so a run killed at any point (even kill -9) can be continued. `appendFileSync` hands each line
 * to the kernel before the next request leaves; a torn last line (power loss) is ignored on load.
 */
import {
  appendFileSync,
  closeSync,
  createReadStream,
  existsSync,
  openSync,
  readSync,
  statSync,
} from "node:fs";
import { createInterface } from "node:readline";

/** What happened to a row. `sent` means a create left and its answer is not known yet. */
export type JournalStatus = "sent" | "created" | "updated" | "skipped" | "failed";

/** One journal line. `k` is the row's identity key, `t` the time (ms) of the first create attempt. */
export interface JournalEntry {
  k: string;
  s: JournalStatus;
  line: number;
  id?: string | undefined;
  t?: number | undefined;
}

/** Statuses after which a row is never written again. */
const COMMITTED = new Set<JournalStatus>(["created", "updated", "skipped"]);

/** The journal of one import file. */
export class ImportJournal {
  readonly #path: string | undefined;
  /** Committed rows by key. */
  readonly committed = new Map<string, JournalStatus>();
  /** Rows whose create left in an earlier run without a known answer: key → time of the attempt. */
  readonly sent = new Map<string, number>();

  private constructor(path: string | undefined) {
    this.#path = path;
  }

  /** Opens (and replays) the journal at `path`; without a path the run keeps no journal. */
  static async open(path: string | undefined): Promise<ImportJournal> {
    const journal = new ImportJournal(path);
    if (path === undefined || !existsSync(path)) return journal;
    // A line torn by a crash has no newline: end it, or this run's first entry would join it and be lost too.
    if (!endsWithNewline(path)) appendFileSync(path, "\n");
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const text of lines) {
      let entry: JournalEntry;
      try {
        entry = JSON.parse(text) as JournalEntry;
      } catch {
        continue; // a line torn by a crash: the row is simply retried
      }
      if (COMMITTED.has(entry.s)) {
        journal.committed.set(entry.k, entry.s);
        journal.sent.delete(entry.k);
      } else if (entry.s === "sent" && !journal.sent.has(entry.k)) {
        journal.sent.set(entry.k, entry.t ?? 0);
      }
    }
    return journal;
  }

  /** Appends entries (one write call for a whole envelope). */
  append(entries: readonly JournalEntry[]): void {
    for (const e of entries) {
      if (COMMITTED.has(e.s)) {
        this.committed.set(e.k, e.s);
        this.sent.delete(e.k);
      } else if (e.s === "sent" && !this.sent.has(e.k)) this.sent.set(e.k, e.t ?? Date.now());
    }
    if (this.#path === undefined || entries.length === 0) return;
    appendFileSync(this.#path, entries.map((e) => `${JSON.stringify(e)}\n`).join(""));
  }
}

function endsWithNewline(path: string): boolean {
  const size = statSync(path).size;
  if (size === 0) return true;
  const fd = openSync(path, "r");
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
