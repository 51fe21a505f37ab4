/**
 * A simulated Graph write budget for pacer tests (fake timers): a token bucket that starts full and,
 * as Graph does, refuses every write after a refused one until that refusal's Retry-After.
 */
import { vi } from "vitest";
import type { AdaptivePacer } from "../src/bulk/adaptive-pacer.ts";

/** What a simulated import measured. */
export interface SimulatedImport {
  seconds: number;
  /** The shortest possible time: the full bucket at once, then its refill rate. */
  floorSeconds: number;
  throttled: number;
  envelopes: number;
}

/** Imports `writes` writes through `pacer` against a bucket, `senders` envelopes in flight, each taking `latencyMs`. */
export async function simulateImport(
  pacer: AdaptivePacer,
  options: { capacity: number; refillPerSecond: number; writes: number; latencyMs: number; senders: number },
): Promise<SimulatedImport> {
  const { capacity, refillPerSecond, latencyMs } = options;
  const start = Date.now();
  let tokens = capacity;
  let last = start;
  let retryUntil = 0;
  let throttled = 0;
  let envelopes = 0;
  let next = 0;
  const take = (now: number): number | undefined => {
    tokens = Math.min(capacity, tokens + ((now - last) * refillPerSecond) / 1000);
    last = now;
    if (now < retryUntil) return retryUntil - now;
    if (tokens >= 1) {
      tokens -= 1;
      return undefined;
    }
    retryUntil = now + Math.ceil(((1 - tokens) * 1000) / refillPerSecond);
    return retryUntil - now;
  };
  const used = () => (capacity - tokens) / capacity;
  const sender = async () => {
    while (next < options.writes) {
      let pending = Math.min(20, options.writes - next);
      next += pending;
      if (next >= options.writes) pacer.drain();
      while (pending > 0) {
        const n = await pacer.acquire(pending);
        envelopes++;
        let accepted = 0;
        let wait: number | undefined;
        for (let i = 0; i < n; i++) {
          const refused = take(Date.now());
          if (refused === undefined) accepted++;
          else wait = Math.max(wait ?? 0, refused);
        }
        const percentage = used() > 0.8 ? Number(used().toFixed(1)) : undefined;
        await new Promise((r) => setTimeout(r, latencyMs));
        throttled += n - accepted;
        pending -= accepted;
        pacer.observe({
          accepted,
          limitPercentage: wait === undefined ? percentage : 1,
          throttledForMs: wait,
        });
      }
    }
  };
  let done = false;
  const all = Promise.all(Array.from({ length: options.senders }, sender)).then(() => {
    done = true;
  });
  while (!done) await vi.advanceTimersByTimeAsync(100);
  await all;
  return {
    seconds: (Date.now() - start) / 1000,
    floorSeconds: Math.max(0, options.writes - capacity) / refillPerSecond,
    throttled,
    envelopes,
  };
}
