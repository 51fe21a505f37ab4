/**
 * The journal of an inline import (`content` or `rows`, as an MCP client sends them): kept in memory
 * instead of in a file, keyed by cloud, tenant, a hash of the data and the mapping, until the import finishes.
 * Sending the same rows again to the same tenant after a cancelled, failed or interrupted call
 * resumes like a rerun of a file import: nobody is created twice, and a row whose answer was lost is
 * counted as created. A finished import forgets its journal, so the same rows later are a new import
 * (users that exist are found by the service's conflict, never reported as created without being
 * there). Bounded: the least recently used journal goes first past {@link MEMORY_JOURNALS}.
 */
import { type BulkBinding, stableHash } from "./bulk-binding.ts";
import type { JournalEntry, JournalStatus } from "./import-journal.ts";

/** How many inline imports a process remembers. */
export const MEMORY_JOURNALS = 32;

const journals = new Map<string, JournalEntry[]>();

/** What the import writer reads and appends: the same as a file journal's. */
export interface RowJournal {
  readonly committed: Map<string, JournalStatus>;
  readonly sent: Map<string, number>;
  append(entries: readonly JournalEntry[]): void;
}

/**
 * The key of an inline import's journal: the binding a journal file would carry (operation, tenant,
 * cloud, a hash of the data, the mapping), the Graph origin (with its port: two servers on one host
 * are two places) and the format the text is read as.
 */
export function inlineJournalKey(binding: BulkBinding, graphUrl: string, format: string): string {
  return stableHash({ binding, origin: new URL(graphUrl).origin, format });
}

/** The journal of one inline import, with what earlier runs of the same data committed. */
export function memoryJournal(key: string): RowJournal {
  const entries = journals.get(key) ?? [];
  // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
  journals.delete(key);
  journals.set(key, entries);
  while (journals.size > MEMORY_JOURNALS) {
    const oldest = journals.keys().next().value;
    if (oldest === undefined) break;
    journals.delete(oldest);
  }
  return new MemoryJournal(entries);
}

/** Forgets the journal of an inline import that finished. */
export function forgetMemoryJournal(key: string): void {
  journals.delete(key);
}

/** Statuses after which a row is never written again. */
const COMMITTED = new Set<JournalStatus>(["created", "updated", "skipped", "deleted"]);

class MemoryJournal implements RowJournal {
  readonly committed = new Map<string, JournalStatus>();
  readonly sent = new Map<string, number>();
  readonly #entries: JournalEntry[];

  constructor(entries: JournalEntry[]) {
    this.#entries = entries;
    this.#apply(entries);
  }

  append(added: readonly JournalEntry[]): void {
    this.#entries.push(...added);
    this.#apply(added);
  }

  /** The same reading as a file journal's: a commit wins over a send, the first send's time is kept. */
  #apply(added: readonly JournalEntry[]): void {
    for (const e of added) {
      if (COMMITTED.has(e.s)) {
        this.committed.set(e.k, e.s);
        this.sent.delete(e.k);
      } else if (e.s === "sent" && !this.sent.has(e.k)) this.sent.set(e.k, e.t ?? Date.now());
    }
  }
}
