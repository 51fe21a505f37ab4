/**
 * The import journal: JSON Lines appended synchronously, one entry per row attempt and per committed
 * row, so a run killed at any point (even kill -9) can be continued. `appendFileSync` hands each line
 * to the kernel before the next request leaves; a torn last line (power loss) is ignored on load. The
 * first line binds the journal to its tenant, cloud, input and mapping (see bulk-binding.ts); the
 * file is owner-only (0600).
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
import {
  BINDING_MARK,
  type BindingSource,
  type BulkBinding,
  checkBinding,
  isBinding,
} from "./bulk-binding.ts";
import { writeOwnerOnly } from "./file-access.ts";

/**
 * What happened to a row (or, in a bulk delete's journal, a user). `sent` means a write left and its
 * answer is not known yet.
 */
export type JournalStatus = "sent" | "created" | "updated" | "skipped" | "deleted" | "failed";

/** One journal line. `k` is the row's identity key, `t` the time (ms) of the first create attempt. */
export interface JournalEntry {
  k: string;
  s: JournalStatus;
  line: number;
  id?: string | undefined;
  t?: number | undefined;
}

/** Statuses after which a row is never written again. */
const COMMITTED = new Set<JournalStatus>(["created", "updated", "skipped", "deleted"]);

/** The journal of one import file. */
export class ImportJournal {
  readonly #path: string | undefined;
  /** The binding to write as the first line before the first entry (a new journal). */
  #header: BulkBinding | undefined;
  /** Committed rows by key. */
  readonly committed = new Map<string, JournalStatus>();
  /** Rows whose create left in an earlier run without a known answer: key → time of the attempt. */
  readonly sent = new Map<string, number>();

  private constructor(path: string | undefined, header: BulkBinding | undefined) {
    this.#path = path;
    this.#header = header;
  }

  /**
   * Opens (and replays) the journal at `path`; without a path the run keeps no journal. A journal
   * written for another tenant, cloud, input or mapping than `binding`, or one that does not say
   * (an older ciamkit's), is refused with an {@link InvalidInputError} and left as it is.
   */
  static async open(
    path: string | undefined,
    binding: BulkBinding,
    where: BindingSource,
  ): Promise<ImportJournal> {
    if (path === undefined) return new ImportJournal(undefined, undefined);
    if (!existsSync(path) || statSync(path).size === 0) return new ImportJournal(path, binding);
    const journal = new ImportJournal(path, undefined);
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
    let first: { text: string; value: unknown } | undefined;
    let entries = 0;
    for await (const text of lines) {
      let entry: JournalEntry;
      try {
        entry = JSON.parse(text) as JournalEntry;
      } catch {
        first ??= { text, value: undefined };
        continue; // a line torn by a crash: the row is simply retried
      }
      if (first === undefined) {
        first = { text, value: entry };
        if (isBinding(entry)) continue;
      }
      entries++;
      if (COMMITTED.has(entry.s)) {
        journal.committed.set(entry.k, entry.s);
        journal.sent.delete(entry.k);
      } else if (entry.s === "sent" && !journal.sent.has(entry.k)) {
        journal.sent.set(entry.k, entry.t ?? 0);
      }
    }
    // Only a binding, whole or torn by a crash while it was written: no row was ever sent, so the
    // journal holds nothing to reuse and starts afresh. Anything else must carry this run's binding.
    if (entries === 0 && first !== undefined && (isBinding(first.value) || tornBinding(path, first.text)))
      return new ImportJournal(path, binding);
    checkBinding(binding, first?.value, where);
    // A line torn by a crash has no newline: end it, or this run's first entry would join it and be lost too.
    writeOwnerOnly(path, endsWithNewline(path) ? "" : "\n", "a");
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
    const lines = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
    if (this.#header === undefined) appendFileSync(this.#path, lines);
    else {
      // A new journal starts with its binding, in the same write as its first entries.
      writeOwnerOnly(this.#path, `${JSON.stringify(this.#header)}\n${lines}`, "w");
      this.#header = undefined;
    }
  }
}

/** The start every journal's first line has. */
const BINDING_START = `{"ciamkit":${JSON.stringify(BINDING_MARK)}`;

/** True when the file is one unfinished line that began a binding (a crash while it was written). */
function tornBinding(path: string, text: string): boolean {
  return (
    !endsWithNewline(path) &&
    statSync(path).size === Buffer.byteLength(text) &&
    (BINDING_START.startsWith(text) || text.startsWith(BINDING_START))
  );
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
