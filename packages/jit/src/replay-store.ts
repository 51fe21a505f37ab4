/**
 * Where the handler remembers the token ids and nonces it has accepted, until they expire. One
 * instance of the endpoint can use the in-memory default; several instances behind a load balancer
 * need a shared store (Redis `SET key 1 NX PXAT expiresAt`, a database row with a unique key) or a
 * replayed call could land on another instance.
 */
export interface ReplayStore {
  /**
   * Records `key` until `expiresAt` (milliseconds since the epoch). Resolves `true` when the key was
   * new, `false` when it was recorded before and has not expired: the call is a replay.
   */
  add(key: string, expiresAt: number): boolean | Promise<boolean>;
}

/** Options of {@link memoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Most keys kept; past it the oldest are forgotten first (default 100,000). */
  maxEntries?: number;
  /** The clock, in milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
}

/** A {@link ReplayStore} in this process's memory: expired keys are dropped as new ones arrive. */
export function memoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  let adds = 0;
  const sweep = (time: number): void => {
    for (const [key, expiresAt] of seen) if (expiresAt <= time) seen.delete(key);
  };
  return {
    add(key, expiresAt) {
      const time = now();
      const known = seen.get(key);
      if (known !== undefined && known > time) return false;
      if (++adds % 1024 === 0 || seen.size >= maxEntries) sweep(time);
      // Still full: forget the oldest keys (a Map iterates in insertion order).
      for (const oldest of seen.keys()) {
        if (seen.size < maxEntries) break;
        seen.delete(oldest);
      }
      seen.delete(key);
      seen.set(key, expiresAt);
      return true;
    },
  };
}
