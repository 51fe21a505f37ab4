import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Store, StoreChange } from "../store/store.ts";
import { DataDirCorruptError } from "./data-dir-error.ts";
import { emitWarning, ensurePrivateDir, tightenOpenFile, type WarningSink } from "./private-files.ts";
import { applyRetention, DEFAULT_RETENTION, type RetentionPolicy } from "./retention.ts";
import { restoreSnapshot, TenantInfoSchema, takeSnapshot } from "./snapshot.ts";

const SNAPSHOT_FILE = "snapshot.json";
const JOURNAL_FILE = "journal.jsonl";
// A snapshot being written: `snapshot.json.<pid>.<n>.tmp`, unique per writer so that no two writers
// rename each other's file; one left by a killed process is removed at the next open.
const TEMP_SNAPSHOT = /^snapshot\.json(\.\d+\.\d+)?\.tmp$/;

const JsonObjectSchema = z.record(z.string(), z.unknown());
const StoreChangeSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("put"),
    tenantId: z.string(),
    collection: z.string(),
    id: z.string(),
    value: JsonObjectSchema,
  }),
  z.object({ op: z.literal("delete"), tenantId: z.string(), collection: z.string(), id: z.string() }),
  z.object({ op: z.literal("putTenant"), tenant: TenantInfoSchema }),
  z.object({ op: z.literal("deleteTenant"), tenantId: z.string() }),
]);

let tempCounter = 0;

/**
 * Durable state in a data directory: `snapshot.json` plus an append-only `journal.jsonl` of every
 * store change since. Each change is written with a synchronous `write(2)` while the route runs,
 * so it reaches the kernel before the response is sent: a write the client saw acknowledged
 * survives `kill -9` (not a power cut; nothing is fsynced per write). At start the journal is
 * replayed over the snapshot and both are compacted into a new snapshot; again at stop. A new
 * snapshot is fsynced, renamed over the old one and the directory fsynced before the journal is
 * emptied, so compaction never loses what the journal held. Loading and saving also drop the log
 * records and deleted items past their retention (`applyRetention`), so the state, and the time to
 * load it, stays bounded. The directory is owner-only (0700) and
 * its files 0600. One process at a time: the caller holds the directory's lock (`lockDataDir`).
 */
export class Persistence {
  readonly dir: string;
  readonly #warn: WarningSink;
  readonly #retention: RetentionPolicy | false;
  #fd: number | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    dir: string,
    warn: WarningSink = emitWarning,
    retention: RetentionPolicy | false = DEFAULT_RETENTION,
  ) {
    this.dir = dir;
    this.#warn = warn;
    this.#retention = retention;
  }

  /** Loads the directory into `store` (which must be empty), compacts, then journals every change. */
  open(store: Store, now: Date): { loaded: boolean; replayed: number } {
    ensurePrivateDir(this.dir, this.#warn);
    for (const name of readdirSync(this.dir)) {
      if (TEMP_SNAPSHOT.test(name)) unlinkSync(join(this.dir, name));
    }
    const snapshotPath = join(this.dir, SNAPSHOT_FILE);
    const journalPath = join(this.dir, JOURNAL_FILE);
    let loaded = false;
    const snapshotText = this.#read(snapshotPath);
    if (snapshotText !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(snapshotText);
      } catch (error) {
        throw this.#corrupt(snapshotPath, `is not valid JSON (${(error as Error).message})`, error);
      }
      try {
        restoreSnapshot(store, json);
      } catch (error) {
        const issue = (error as z.ZodError).issues?.[0];
        const where = issue === undefined ? "" : ` at ${issue.path.join(".") || "the top"}: ${issue.message}`;
        throw this.#corrupt(snapshotPath, `is not an emulator snapshot${where}`, error);
      }
      loaded = true;
    }
    let replayed = 0;
    const journalText = this.#read(journalPath);
    if (journalText !== undefined) {
      const lines = journalText.split("\n");
      for (const [i, line] of lines.entries()) {
        if (line === "") continue;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch (error) {
          // Only the very last line can be torn (the process died inside a write); skip it.
          if (i >= lines.length - 2) break;
          throw this.#corrupt(journalPath, `line ${i + 1} is not valid JSON`, error);
        }
        const change = StoreChangeSchema.safeParse(json);
        if (!change.success) throw this.#corrupt(journalPath, `line ${i + 1} is not a store change`);
        store.apply(change.data as StoreChange);
        replayed++;
        loaded = true;
      }
    }
    this.#fd = openSync(journalPath, "a", 0o600);
    tightenOpenFile(this.#fd, journalPath, this.#warn);
    if (this.#retention !== false) applyRetention(store, now, this.#retention);
    this.compact(store, now);
    this.#unsubscribe = store.onChange((change) => this.#append(change));
    return { loaded, replayed };
  }

  /** Writes the whole store as the new snapshot (atomically, fsynced) and empties the journal. */
  compact(store: Store, now: Date): void {
    const fd = this.#fd;
    if (fd === undefined) return;
    const tmp = join(this.dir, `${SNAPSHOT_FILE}.${process.pid}.${++tempCounter}.tmp`);
    const tmpFd = openSync(tmp, "wx", 0o600);
    try {
      writeFileSync(tmpFd, JSON.stringify(takeSnapshot(store, now)));
      fsyncSync(tmpFd);
    } catch (error) {
      closeSync(tmpFd);
      unlinkSync(tmp);
      throw error;
    }
    closeSync(tmpFd);
    renameSync(tmp, join(this.dir, SNAPSHOT_FILE));
    syncDir(this.dir);
    ftruncateSync(fd, 0);
  }

  /** Compacts and stops journaling. */
  close(store: Store, now: Date): void {
    if (this.#fd === undefined) return;
    this.#unsubscribe?.();
    if (this.#retention !== false) applyRetention(store, now, this.#retention);
    this.compact(store, now);
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  #append(change: StoreChange): void {
    if (this.#fd === undefined) return;
    writeSync(this.#fd, `${JSON.stringify(change)}\n`);
  }

  #read(path: string): string | undefined {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return undefined;
      throw this.#corrupt(path, `cannot be read (${code ?? (error as Error).message})`, error);
    }
  }

  #corrupt(file: string, problem: string, cause?: unknown): DataDirCorruptError {
    return new DataDirCorruptError(this.dir, file, problem, { cause });
  }
}

/** Makes a rename in `dir` durable (POSIX); Windows has no directory handles to sync, and needs none. */
function syncDir(dir: string): void {
  if (process.platform === "win32") return;
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
