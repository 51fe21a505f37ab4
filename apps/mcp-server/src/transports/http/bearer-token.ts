import { createHash, timingSafeEqual } from "node:crypto";

/** The fewest characters a bearer token may have: 32 random base64 characters are 192 bits. */
export const MIN_TOKEN_LENGTH = 32;

/** The most: an HTTP header line, not a file. */
const MAX_TOKEN_LENGTH = 1024;

/** The fewest distinct characters: a random 32-character token has far more (hex: ~14, base64: ~25). */
const MIN_DISTINCT_CHARACTERS = 8;

/** How to make a good token, for every refusal. */
export const MAKE_TOKEN_HINT =
  "Make one with `openssl rand -base64 32` (or leave CIAM_MCP_TOKEN unset and ciam-mcp generates one and prints it)";

/**
 * Why `token` is not fit to guard the server, or undefined when it is. A token anyone can guess
 * (`a`, `changeme`, one character repeated) lets every program that can reach the port run tenant
 * operations. The reason never quotes the token.
 */
export function tokenWeakness(token: string): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    return "it must be printable ASCII without spaces, as an HTTP Authorization header carries it";
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    return `it has ${token.length} characters; at least ${MIN_TOKEN_LENGTH} are needed`;
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return `it has ${token.length} characters; at most ${MAX_TOKEN_LENGTH} fit in a header`;
  }
  if (new Set(token).size < MIN_DISTINCT_CHARACTERS) {
    return `it uses fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters, so it is easy to guess`;
  }
  if (/^(.+)\1+$/s.test(token)) return "it is one shorter sequence repeated, so it is easy to guess";
  return undefined;
}

/**
 * Compares a presented bearer token with the expected one in constant time. Both sides are hashed
 * first, so the comparison takes the same time whatever the presented length, and neither the
 * expected length nor a matching prefix can be learnt from timing.
 */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = sha256(match?.[1] ?? "");
  return timingSafeEqual(presented, sha256(expected)) && match !== null;
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
