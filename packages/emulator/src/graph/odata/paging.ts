import { createHash } from "node:crypto";
import { GraphError } from "../route.ts";

/**
 * Where the next page starts: after the last record of `after` (the page's last ids, oldest first)
 * that still exists, or at offset `served` if all of them were deleted meanwhile.
 */
export interface PageCursor {
  after: readonly string[];
  served: number;
}

/** How many of a page's last ids a token keeps, so that deleting the last one does not lose the place. */
export const CURSOR_IDS = 5;

/** The index to resume at: after the newest cursor id still present among the records' `id`s. */
export function resumeIndex(records: readonly { readonly id?: unknown }[], cursor: PageCursor): number {
  const wanted = new Map(cursor.after.map((id, rank) => [id, rank]));
  let best = -1;
  let at = -1;
  for (let i = 0; i < records.length; i++) {
    const rank = wanted.get(String(records[i]?.id));
    if (rank !== undefined && rank > best) {
      best = rank;
      at = i;
      if (rank === cursor.after.length - 1) break;
    }
  }
  return at >= 0 ? at + 1 : Math.min(cursor.served, records.length);
}

/** Query options that shape the result (the cursor is only valid for the same ones). */
export function queryFingerprint(query: URLSearchParams, path: string): string {
  const parts = [...query.entries()]
    .filter(([k]) => k.toLowerCase() !== "$skiptoken")
    .map(([k, v]) => `${k.toLowerCase()}=${v}`)
    .sort();
  return createHash("sha256")
    .update(path.toLowerCase())
    .update("\n")
    .update(parts.join("&"))
    .digest("base64url")
    .slice(0, 16);
}

/**
 * An opaque `$skiptoken`. It names the last records served rather than an offset, so that inserts and
 * deletes made between pages neither repeat nor skip records; it also binds the query it was issued for.
 */
export function encodeSkipToken(fingerprint: string, cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ v: 2, q: fingerprint, a: cursor.after, n: cursor.served })).toString(
    "base64url",
  );
}

/** Decodes a `$skiptoken` issued for this query; anything else is Graph's 400. */
export function decodeSkipToken(token: string, fingerprint: string): PageCursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Record<string, unknown>;
    if (
      parsed.v === 2 &&
      parsed.q === fingerprint &&
      Array.isArray(parsed.a) &&
      parsed.a.every((id) => typeof id === "string") &&
      typeof parsed.n === "number"
    ) {
      return { after: parsed.a as string[], served: parsed.n };
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphError(
    400,
    "Request_BadRequest",
    "The specified page token value has expired or is invalid.",
  );
}

/** Parses `$top` within a collection's bounds, with Graph's message when it is out of range. */
export function parseTop(value: string | null, max: number): number | undefined {
  if (value === null) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid page size specified: '${value}'. Must be between 1 and ${max} inclusive.`,
    );
  }
  return n;
}
