/**
 * Paces writes just under Graph's write quota without knowing it in advance: a send schedule at a
 * rate (writes/s) that the service's own signals steer. Graph's budget is a token bucket (3,000
 * writes per 150 s per app and tenant, https://learn.microsoft.com/graph/throttling-limits); once it
 * is empty the service accepts exactly its refill rate, so the writes accepted just before a 429
 * measure the quota, and the pacer settles a little under that. `x-ms-throttle-limit-percentage`
 * (sent once more than 80 % of a budget is used) decides between growing and holding. No fixed sleeps.
 */
import { RETRY_AFTER_MARGIN_MS } from "../http/retry-after.ts";
import { sleep } from "../http/sleep.ts";

/** Options of {@link AdaptivePacer}. */
export interface PacerOptions {
  /** Writes per second to start with (default 20, Graph's per app and tenant write rate). */
  initialRate?: number | undefined;
  /** Never slower than this (default 1/s). */
  minRate?: number | undefined;
  /** Never faster than this (default 2,000/s). */
  maxRate?: number | undefined;
}

/** What the pacer learned from one envelope. */
export interface PacerSignal {
  /** Largest `x-ms-throttle-limit-percentage` seen, if any. */
  limitPercentage?: number | undefined;
  /** The longest wait a 429 asked for, if any item was throttled. */
  throttledForMs?: number | undefined;
  /** Writes the service accepted in this envelope. */
  accepted?: number | undefined;
}

/** Below the measured quota by this much, so the bucket refills a little and 429s stay rare. */
const UNDER_QUOTA = 0.95;
/** Writes per `$batch` envelope. */
const ENVELOPE = 20;
/** How far back accepted writes are counted to measure the quota. */
const WINDOW_MS = 3000;

/** The shared send schedule of one import. */
export class AdaptivePacer {
  #rate: number;
  readonly #min: number;
  readonly #max: number;
  #nextAt = 0;
  #pausedUntil = 0;
  #adjustedAt = Date.now();
  /** Granted and accepted writes per 100 ms slot over the last {@link WINDOW_MS}. */
  readonly #granted = new Map<number, number>();
  readonly #accepted = new Map<number, number>();
  /** 429s seen (inner items). */
  throttled = 0;

  constructor(options: PacerOptions = {}) {
    this.#min = options.minRate ?? 1;
    this.#max = options.maxRate ?? 2000;
    this.#rate = Math.min(this.#max, Math.max(this.#min, options.initialRate ?? 20));
  }

  /** The current rate in writes per second. */
  get rate(): number {
    return this.#rate;
  }

  /** Waits for the slot of `writes` writes; slots are handed out in call order. */
  async acquire(writes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.#pausedUntil) {
        await sleep(this.#pausedUntil - now, signal);
        continue;
      }
      const start = Math.max(now, this.#nextAt);
      this.#nextAt = start + (writes * 1000) / this.#rate;
      if (start > now) await sleep(start - now, signal);
      if (Date.now() >= this.#pausedUntil) {
        add(this.#granted, Date.now(), writes);
        return;
      }
    }
  }

  /** Adjusts the rate after an envelope's answer. */
  observe(signal: PacerSignal): void {
    const now = Date.now();
    if (signal.accepted !== undefined && signal.accepted > 0) add(this.#accepted, now, signal.accepted);
    if (signal.throttledForMs !== undefined) {
      const until = now + signal.throttledForMs + RETRY_AFTER_MARGIN_MS;
      // One cut per throttling episode: answers of envelopes already in flight repeat the same news.
      if (now >= this.#pausedUntil) {
        const accepted = perSecond(this.#accepted, now);
        this.#setRate(accepted > 0 ? Math.min(this.#rate, accepted) * UNDER_QUOTA : this.#rate * 0.7);
      }
      this.#pausedUntil = Math.max(this.#pausedUntil, until);
      // Retry-After says when one write fits again; an envelope of 20 needs the bucket to refill for
      // 20, or most of it comes back 429 as an early retry.
      this.#nextAt = Math.max(this.#nextAt, this.#pausedUntil + (ENVELOPE * 1000) / this.#rate);
      this.#adjustedAt = this.#pausedUntil;
      return;
    }
    const p = signal.limitPercentage;
    // Graph rounds the percentage to one decimal and sends it only above 0.8. No header: more than a
    // fifth of the budget is left, grow fast. 0.8: grow gently. 0.9: hold. 1.0: nearly empty, ease
    // off. Factors are per second, so the controller behaves the same however many envelopes a
    // second carry.
    if (p === undefined) this.#adjust(1.5, now);
    else if (p < 0.85) this.#adjust(1.02, now);
    else if (p < 0.95) this.#adjustedAt = now;
    else this.#adjust(0.9, now);
  }

  #adjust(factor: number, now: number): void {
    const seconds = Math.min(1, Math.max(0, now - this.#adjustedAt) / 1000);
    this.#adjustedAt = now;
    let rate = this.#rate * factor ** seconds;
    // When something else limits the pace (latency, the envelopes in flight), the rate may not run
    // far ahead of what is achieved, or the first throttle signal would find it many times too high.
    const achieved = perSecond(this.#granted, now);
    if (factor > 1 && achieved > 0) rate = Math.min(rate, Math.max(this.#rate, 2 * achieved));
    this.#setRate(rate);
  }

  #setRate(rate: number): void {
    this.#rate = Math.min(this.#max, Math.max(this.#min, rate));
  }
}

/** Adds to the 100 ms slot of `now` and forgets slots older than the window. */
function add(slots: Map<number, number>, now: number, n: number): void {
  const slot = Math.floor(now / 100);
  slots.set(slot, (slots.get(slot) ?? 0) + n);
  for (const key of slots.keys()) if (key <= slot - WINDOW_MS / 100) slots.delete(key);
}

/** Per second over the window (or over the time since the first slot, when shorter). */
function perSecond(slots: Map<number, number>, now: number): number {
  const current = Math.floor(now / 100);
  let total = 0;
  let oldest = current;
  for (const [slot, n] of slots) {
    if (slot > current - WINDOW_MS / 100) {
      total += n;
      oldest = Math.min(oldest, slot);
    }
  }
  const seconds = Math.max(1, (current - oldest + 1) / 10);
  return total / seconds;
}
