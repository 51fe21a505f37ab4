import { createHash } from "node:crypto";
import { GraphError } from "../route.ts";

/** Where the next page starts: after the record `after`, or at offset `served` if it is gone. */
export interface PageCursor {
  after: string;
  served: number;
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
 * An opaque `$skiptoken`. It names the last record served rather than an offset, so that inserts made
 * between pages neither repeat nor skip records; it also binds the query it was issued for.
 */
export function encodeSkipToken(fingerprint: string, cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, q: fingerprint, a: cursor.after, n: cursor.served })).toString(
    "base64url",
  );
}

/** Decodes a `$skiptoken` issued for this query; anything else is Graph's 400. */
export function decodeSkipToken(token: string, fingerprint: string): PageCursor {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Record<string, unknown>;
    if (
      parsed.v === 1 &&
      parsed.q === fingerprint &&
      typeof parsed.a === "string" &&
      typeof parsed.n === "number"
    ) {
      return { after: parsed.a, served: parsed.n };
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
