/**
 * How long a response asks the client to wait: `retry-after-ms` and `x-ms-retry-after-ms`
 * (milliseconds, Azure), then `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3).
 */

/** The wait in milliseconds a response asks for, or `undefined` when it asks for none (or nonsense). */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
    const value = headers.get(name);
    if (value !== null && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value));
  }
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Added to every wait a service asked for before calling it again: both sides' clocks and timers round
 * to the millisecond, and a call that lands a millisecond early counts as an early retry against the
 * caller (https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling).
 */
export const RETRY_AFTER_MARGIN_MS = 10;
