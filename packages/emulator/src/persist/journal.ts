import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { Store, StoreChange } from "../store/store.ts";
import { restoreSnapshot, takeSnapshot } from "./snapshot.ts";

const SNAPSHOT_FILE = "snapshot.json";
const JOURNAL_FILE = "journal.jsonl";

/**
 * Durable state in a data directory: `snapshot.json` plus an append-only `journal.jsonl` of every
 * store change since. Each change is written with a synchronous `write(2)` while the route runs,
 * so it reaches the kernel before the response is sent: a write the client saw acknowledged
 * survives `kill -9` (not a power cut; nothing is fsynced per write). At start the journal is
 * replayed over the snapshot and both are compacted into a new snapshot; again at stop.
 */
export class Persistence {
  readonly dir: string;
  #fd: number | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Loads the directory into `store` (which must be empty), compacts, then journals every change. */
  open(store: Store, now: Date): { loaded: boolean; replayed: number } {
    mkdirSync(this.dir, { recursive: true });
    const snapshotPath = join(this.dir, SNAPSHOT_FILE);
    const journalPath = join(this.dir, JOURNAL_FILE);
    let loaded = false;
    if (existsSync(snapshotPath)) {
      restoreSnapshot(store, JSON.parse(readFileSync(snapshotPath, "utf8")));
      loaded = true;
    }
    let replayed = 0;
    if (existsSync(journalPath)) {
      const lines = readFileSync(journalPath, "utf8").split("\n");
      for (const [i, line] of lines.entries()) {
        if (line === "") continue;
        let change: StoreChange;
        try {
          change = JSON.parse(line) as StoreChange;
        } catch (err) {
          // Only the very last line can be torn (the process died inside a write); skip it.
          if (i >= lines.length - 2) break;
          throw new Error(`${journalPath}: line ${i + 1} is not valid JSON`, { cause: err });
        }
        store.apply(change);
        replayed++;
        loaded = true;
      }
    }
    this.#fd = openSync(journalPath, "a");
    this.compact(store, now);
    this.#unsubscribe = store.onChange((change) => this.#append(change));
    return { loaded, replayed };
  }

  /** Writes the whole store as the new snapshot (atomically) and empties the journal. */
  compact(store: Store, now: Date): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    const tmp = join(this.dir, `${SNAPSHOT_FILE}.tmp`);
    writeFileSync(tmp, JSON.stringify(takeSnapshot(store, now)));
    const tmpFd = openSync(tmp, "r+");
    fsyncSync(tmpFd);
    closeSync(tmpFd);
    renameSync(tmp, join(this.dir, SNAPSHOT_FILE));
    ftruncateSync(fd, 0);
  }

  /** Compacts and stops journaling. */
  close(store: Store, now: Date): void {
    if (this.#fd === undefined) return;
    this.#unsubscribe?.();
    this.compact(store, now);
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  #append(change: StoreChange): void {
    if (this.#fd === undefined) return;
    writeSync(this.#fd, `${JSON.stringify(change)}\n`);
  }
}
