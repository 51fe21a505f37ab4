/**
 * Paces writes just under Graph's write quota without knowing it in advance. A send schedule at a
 * rate (writes/s) that the service's own signals steer: `x-ms-throttle-limit-percentage` (sent once
 * more than 80 % of a budget is used, https://learn.microsoft.com/graph/throttling-limits) holds the
 * rate near the refill rate, and a 429 pauses every sender for its `Retry-After` and cuts the rate.
 * No fixed sleeps: with no signal the rate grows until the service says stop.
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
}

/** The shared send schedule of one import. */
export class AdaptivePacer {
  #rate: number;
  readonly #min: number;
  readonly #max: number;
  #nextAt = 0;
  #pausedUntil = 0;
  #adjustedAt = Date.now();
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
      if (Date.now() >= this.#pausedUntil) return;
    }
  }

  /** Adjusts the rate after an envelope's answer. */
  observe(signal: PacerSignal): void {
    const now = Date.now();
    if (signal.throttledForMs !== undefined) {
      const until = now + signal.throttledForMs + RETRY_AFTER_MARGIN_MS;
      // One cut per throttling episode: answers of envelopes already in flight repeat the same news.
      if (now >= this.#pausedUntil) this.#setRate(this.#rate * 0.7);
      this.#pausedUntil = Math.max(this.#pausedUntil, until);
      this.#nextAt = Math.max(this.#nextAt, this.#pausedUntil);
      this.#adjustedAt = this.#pausedUntil;
      return;
    }
    const p = signal.limitPercentage;
    // Graph rounds the percentage to one decimal: 1.0 means the budget is nearly gone, 0.9 is the
    // spot to hold, 0.8 leaves a little room and no header a lot. Factors are per second, so the
    // controller behaves the same however many envelopes a second carry.
    if (p === undefined) this.#adjust(1.5, now);
    else if (p >= 0.95) this.#adjust(0.6, now);
    else if (p < 0.85) this.#adjust(1.05, now);
    else this.#adjustedAt = now;
  }

  #adjust(perSecond: number, now: number): void {
    const seconds = Math.min(1, Math.max(0, now - this.#adjustedAt) / 1000);
    this.#adjustedAt = now;
    this.#setRate(this.#rate * perSecond ** seconds);
  }

  #setRate(rate: number): void {
    this.#rate = Math.min(this.#max, Math.max(this.#min, rate));
  }
}
