/** How fast one client may start sessions: a burst, then one more every `intervalMs`. */
export interface RateLimitOptions {
  /** Sessions a client may start at once (the bucket's size). */
  burst: number;
  /** Milliseconds until one more may start. */
  intervalMs: number;
  now: () => number;
}

/** A token bucket per client. */
export interface RateLimiter {
  /** Takes one start for `client`; when none is left, the milliseconds until one is. */
  take(client: string): { ok: true } | { ok: false; retryAfterMs: number };
  /** Forgets clients whose bucket has filled up again (they are as if never seen). */
  prune(): void;
  /** Clients tracked now (bounded by {@link prune}). */
  size(): number;
}

/**
 * Limits how fast each client starts sessions. A bucket is kept only while it is not full: one that
 * has refilled is the same as a new one, so {@link RateLimiter.prune} drops it and the map holds only
 * the clients of the last `burst × intervalMs` milliseconds.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { burst, intervalMs, now } = options;
  /** Per client: the time at which its bucket is full again (empty bucket: now + burst × interval). */
  const fullAt = new Map<string, number>();
  const capacityMs = burst * intervalMs;
  return {
    take(client) {
      const t = now();
      // Time left until full, capped at the bucket's size; each start adds one interval.
      const debt = Math.max(0, (fullAt.get(client) ?? t) - t);
      if (debt + intervalMs > capacityMs) {
        return { ok: false, retryAfterMs: debt + intervalMs - capacityMs };
      }
      fullAt.set(client, t + debt + intervalMs);
      return { ok: true };
    },
    prune() {
      const t = now();
      for (const [client, at] of fullAt) if (at <= t) fullAt.delete(client);
    },
    size: () => fullAt.size,
  };
}
