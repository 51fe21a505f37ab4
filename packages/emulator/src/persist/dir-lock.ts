import { randomBytes } from "node:crypto";
import { readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { emitWarning, ensurePrivateDir, type WarningSink } from "./private-files.ts";

/** The lock file in a data directory: who loads, serves and saves its state right now. */
export const LOCK_FILE = "lock.json";

/** Who holds a data directory, as its lock file says. */
export interface DataDirHolder {
  pid: number;
  host: string;
  /** What runs there, for the messages of the processes that wait: `ciam --emulator`, `ciam-emulator`. */
  holder: string;
  /** When it took the lock (ISO 8601). */
  since: string;
  nonce: string;
}

/** How {@link lockDataDir} behaves when another process holds the directory. */
export interface DataDirLockOptions {
  /** What this process is, for the others' messages (default `ciam-emulator`). */
  holder?: string;
  /** How long to wait for the other process, in milliseconds (default 0: busy at once). */
  waitMs?: number;
  /** Called once when this process starts waiting; throwing stops the wait with that error. */
  onWait?: (holder: DataDirHolder) => void;
  /** Stops the wait (the reason is thrown). */
  signal?: AbortSignal;
}

/** A held data directory lock. */
export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file (only while it is still this process's). */
  release(): void;
}

/** The data directory stayed in use by another process for longer than the wait allowed. */
export class DataDirBusyError extends Error {
  override name = "DataDirBusyError";
  readonly dir: string;
  /** The process holding it, when its lock file could be read. */
  readonly holder: DataDirHolder | undefined;

  constructor(dir: string, holder: DataDirHolder | undefined, waitMs: number) {
    const who =
      holder === undefined
        ? "another process"
        : `${holder.holder} (pid ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}, since ${holder.since})`;
    const waited = waitMs > 0 ? ` after waiting ${Math.round(waitMs / 1000)} s` : "";
    super(`${dir} is still in use by ${who}${waited}`);
    this.dir = dir;
    this.holder = holder;
  }
}

// A lock file that cannot be parsed is being written (create, then write) or was left half-written by
// a process killed in between; past this age it is the latter.
const UNREADABLE_STALE_MS = 10_000;

/**
 * Takes the data directory for this process: one process at a time loads, serves and saves a data
 * directory, so that no two journals or snapshots overwrite each other's acknowledged writes. The
 * lock is a file created exclusively (`O_EXCL`) holding the pid; a lock whose process is gone (same
 * host, no such pid) is taken over at once. Waits up to `waitMs` for a live holder, then throws
 * {@link DataDirBusyError}.
 */
export async function lockDataDir(
  dir: string,
  options: DataDirLockOptions = {},
  warn: WarningSink = emitWarning,
): Promise<DataDirLock> {
  ensurePrivateDir(dir, warn);
  const path = join(dir, LOCK_FILE);
  const me: DataDirHolder = {
    pid: process.pid,
    host: hostname(),
    holder: options.holder ?? "ciam-emulator",
    since: new Date().toISOString(),
    nonce: randomBytes(12).toString("base64url"),
  };
  const text = `${JSON.stringify(me)}\n`;
  const waitMs = Math.max(0, options.waitMs ?? 0);
  const started = Date.now();
  let announced = false;
  let delay = 25;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      writeFileSync(path, text, { flag: "wx", mode: 0o600 });
      return held(path, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readText(path);
    if (current === undefined) continue; // released in between: try again at once
    const holder = parseHolder(current);
    if (holder === undefined ? ageMs(path) > UNREADABLE_STALE_MS : !alive(holder)) {
      if (breakStale(path, current)) continue;
      // Another process is removing the same stale lock right now.
      await sleep(25, undefined, options.signal ? { signal: options.signal } : {});
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new DataDirBusyError(dir, holder, waitMs);
    if (!announced && holder !== undefined) {
      announced = true;
      options.onWait?.(holder);
    }
    await sleep(
      Math.min(delay, waitMs - waited),
      undefined,
      options.signal ? { signal: options.signal } : {},
    );
    delay = Math.min(delay * 2, 500);
  }
}

function held(path: string, text: string): DataDirLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Never remove a lock another process took over (it judged this one stale).
    if (readText(path) === text) unlinkSync(path);
  };
  // A process that exits without stopping its emulator leaves no lock behind; after kill -9 the
  // next process finds the pid gone.
  process.on("exit", release);
  return { path, release };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parseHolder(text: string): DataDirHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<DataDirHolder>;
    if (typeof value.pid !== "number" || typeof value.host !== "string") return undefined;
    return {
      pid: value.pid,
      host: value.host,
      holder: typeof value.holder === "string" ? value.holder : "another process",
      since: typeof value.since === "string" ? value.since : "?",
      nonce: typeof value.nonce === "string" ? value.nonce : "",
    };
  } catch {
    return undefined;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether the holder may still run: always, unless it is on this host and its pid is gone. */
function alive(holder: DataDirHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Removes a stale lock, unless it changed since it was judged stale. The guard file makes the
 * check-and-remove one step among the processes that found the same stale lock; a guard left by a
 * process killed inside these few lines is old, and removed. False when another process holds the guard.
 */
function breakStale(path: string, staleText: string): boolean {
  const guard = `${path}.break`;
  try {
    writeFileSync(guard, String(process.pid), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (ageMs(guard) > UNREADABLE_STALE_MS) unlinkQuietly(guard);
    return false;
  }
  try {
    if (readText(path) === staleText) unlinkQuietly(path);
    return true;
  } finally {
    unlinkQuietly(guard);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
