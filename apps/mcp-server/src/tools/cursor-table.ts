import { randomBytes } from "node:crypto";

/** How many pages' cursors a server keeps: enough to page through 100 000 items at the cap of 100. */
export const CURSOR_TABLE_SIZE = 1000;

/**
 * Short stand-ins for list cursors. Core's cursor carries Graph's whole next link (~300 characters,
 * with `$skiptoken`), which a model reads and repeats on every page; the MCP result carries a
 * 10-character id instead, and the link stays here. Bounded, least recently used first out: an id
 * that fell out (or came from another server) is unknown, and the caller says to list again.
 */
export interface CursorTable {
  /** The short id to hand out for `cursor`, a next page of `operation`. */
  shorten(operation: string, cursor: string): string;
  /** The cursor behind `id`, or undefined when it is unknown, expired or from another operation. */
  resolve(operation: string, id: string): string | undefined;
}

/** A {@link CursorTable} holding at most `capacity` cursors. */
export function createCursorTable(capacity = CURSOR_TABLE_SIZE): CursorTable {
  // A Map iterates in insertion order, so re-inserting on use makes its first key the least recent.
  const entries = new Map<string, { operation: string; cursor: string }>();
  const touch = (id: string, entry: { operation: string; cursor: string }) => {
    entries.delete(id);
    entries.set(id, entry);
    while (entries.size > capacity) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  };
  return {
    shorten(operation, cursor) {
      // 48 random bits: not guessable, and no sequence a model could extrapolate to skip pages.
      const id = `c_${randomBytes(6).toString("base64url")}`;
      touch(id, { operation, cursor });
      return id;
    },
    resolve(operation, id) {
      const entry = entries.get(id);
      if (entry === undefined || entry.operation !== operation) return undefined;
      touch(id, entry);
      return entry.cursor;
    },
  };
}
