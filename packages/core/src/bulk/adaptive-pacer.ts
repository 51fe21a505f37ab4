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
  /** Writes granted in the current and the previous second: the rate actually achieved. */
  #granted: [number, number] = [0, 0];
  #grantSecond = Math.floor(Date.now() / 1000);
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
        this.#count(writes);
        return;
      }
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
    // Graph rounds the percentage to one decimal and sends it only above 0.8. No header: more than a
    // fifth of the budget is left, grow fast. 0.8: grow gently. 0.9: the place to be, drift down a
    // little so a rate above the refill does not sit there. 1.0: nearly empty, back off. Factors
    // are per second, so the controller behaves the same however many envelopes a second carry.
    if (p === undefined) this.#adjust(1.5, now);
    else if (p < 0.85) this.#adjust(1.1, now);
    else if (p < 0.95) this.#adjust(0.97, now);
    else this.#adjust(0.8, now);
  }

  #adjust(perSecond: number, now: number): void {
    const seconds = Math.min(1, Math.max(0, now - this.#adjustedAt) / 1000);
    this.#adjustedAt = now;
    let rate = this.#rate * perSecond ** seconds;
    // When something else limits the pace (latency, the envelopes in flight), the rate is not
    // allowed to run far ahead of what is achieved, or the first throttle signal would find it
    // many times too high.
    const achieved = this.#achieved(now);
    if (perSecond > 1 && achieved > 0) rate = Math.min(rate, Math.max(this.#rate, 2 * achieved));
    this.#setRate(rate);
  }

  #count(writes: number): void {
    this.#roll(Date.now());
    this.#granted[1] += writes;
  }

  #roll(now: number): void {
    const second = Math.floor(now / 1000);
    if (second === this.#grantSecond) return;
    this.#granted = second === this.#grantSecond + 1 ? [this.#granted[1], 0] : [0, 0];
    this.#grantSecond = second;
  }

  /** Writes per second granted over the last full second and the current one. */
  #achieved(now: number): number {
    this.#roll(now);
    const fraction = (now % 1000) / 1000;
    return (this.#granted[0] + this.#granted[1]) / (1 + fraction);
  }

  #setRate(rate: number): void {
    this.#rate = Math.min(this.#max, Math.max(this.#min, rate));
  }
}
