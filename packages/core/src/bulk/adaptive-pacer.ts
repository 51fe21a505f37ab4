/**
 * Paces writes just under Graph's write quota without knowing it in advance: a send schedule at a
 * rate (writes/s) that the service's own signals steer. Graph's budget is a token bucket (3,000
 * writes per 150 s per app and tenant, https://learn.microsoft.com/graph/throttling-limits). Between
 * two 429s the bucket was empty at both ends, so the writes accepted in between, over the time
 * between, measure its refill rate exactly; the pacer then runs a little under that rate.
 * `x-ms-throttle-limit-percentage` (sent once more than 80 % of a budget is used) tells how close
 * the bucket is to empty: far from it the pacer spends the budget quickly in full envelopes, near it
 * it sends small envelopes, because once one write is refused Graph refuses every write that follows
 * until its Retry-After, so the rest of a large envelope would come back 429. No fixed sleeps.
 */
import { RETRY_AFTER_MARGIN_MS } from "../http/retry-after.ts";
import { sleep } from "../http/sleep.ts";

/** Options of {@link AdaptivePacer}. */
export interface PacerOptions {
  /**
   * Writes per second to start with (default: `maxRate`, i.e. as fast as the envelopes in flight allow
   * until Graph's percentage header says the budget is 80 % used).
   */
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

/** Writes per `$batch` envelope far from the limit (Graph's maximum). */
export const FULL_ENVELOPE = 20;
/**
 * Writes per envelope near the limit: a 429 then costs at most this many refused writes, and at
 * Graph's 20 writes/s and ~250 ms per envelope two envelopes in flight still keep up.
 */
export const NEAR_LIMIT_ENVELOPE = 4;
/** The rate, as a fraction of the measured refill rate, after a 429: the bucket refills slowly. */
const UNDER_REFILL = 0.98;
/** How far above the measured refill rate the pacer may run while the bucket still holds a surplus. */
const OVER_REFILL = 1.1;
/** The rate, as a multiple of the refill rate, for the last rows: the margin kept in the bucket is spent. */
const DRAIN = 3;
/** Cut per 429 while the refill rate is not measured yet. */
const BLIND_CUT = 0.7;
/**
 * Writes accepted between two 429s for them to measure the refill rate: an envelope's writes are
 * counted when its answer arrives, so fewer would make the sample too coarse.
 */
const MIN_SAMPLE_WRITES = 10 * NEAR_LIMIT_ENVELOPE;
/** A caller waiting for its slot looks at the rate again this often, so a faster rate applies at once. */
const RECHECK_MS = 100;
/** How far back granted writes are counted to know the pace achieved. */
const WINDOW_MS = 3000;

/** The shared send schedule of one import. */
export class AdaptivePacer {
  #rate: number;
  readonly #min: number;
  readonly #max: number;
  /** When the last slot was granted and for how many writes; callers wait their turn in #turns. */
  #lastGrantAt = Number.NEGATIVE_INFINITY;
  #lastGrant = 0;
  #turns: Promise<void> = Promise.resolve();
  #pausedUntil = 0;
  #adjustedAt = Date.now();
  /** Granted writes per 100 ms slot over the last {@link WINDOW_MS}. */
  readonly #granted = new Map<number, number>();
  /** The bucket's refill rate (writes/s), once two 429s have measured it. */
  #refill: number | undefined;
  /** Since the last 429 (the bucket was empty then): when, and writes accepted since. */
  #emptyAt: number | undefined;
  #acceptedSinceEmpty = 0;
  /** Writes and time of the samples so far, older ones halved at each new one. */
  #sampleWrites = 0;
  #sampleMs = 0;
  /** The last signal said the budget is nearly used (≥ 0.95, or a 429). */
  #nearLimit = false;
  /** The input is exhausted: what is left may spend the bucket's margin. */
  #draining = false;
  /** 429s seen (inner items). */
  throttled = 0;

  constructor(options: PacerOptions = {}) {
    this.#min = options.minRate ?? 1;
    this.#max = options.maxRate ?? 2000;
    this.#rate = Math.min(this.#max, Math.max(this.#min, options.initialRate ?? this.#max));
  }

  /** The current rate in writes per second. */
  get rate(): number {
    return this.#rate;
  }

  /** The refill rate measured between two 429s, if any. */
  get refillRate(): number | undefined {
    return this.#refill;
  }

  /** Writes the next envelope should carry: full far from the limit, few near it. */
  get envelopeSize(): number {
    return this.#nearLimit ? NEAR_LIMIT_ENVELOPE : FULL_ENVELOPE;
  }

  /**
   * Waits for the slot of up to `writes` writes; slots are handed out in call order, each one the
   * previous grant's writes at the current rate after the previous one (so a rate change applies to
   * callers already waiting). Resolves with the writes granted: `writes`, or fewer
   * ({@link envelopeSize}) near the limit.
   */
  acquire(writes: number, signal?: AbortSignal): Promise<number> {
    const turn = this.#turns.then(() => this.#grant(writes, signal));
    this.#turns = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  async #grant(writes: number, signal: AbortSignal | undefined): Promise<number> {
    for (;;) {
      const now = Date.now();
      if (now < this.#pausedUntil) {
        await sleep(Math.ceil(this.#pausedUntil - now), signal);
        continue;
      }
      const n = Math.max(1, Math.min(writes, this.envelopeSize));
      const at = this.#lastGrantAt + (this.#lastGrant * 1000) / this.#rate;
      if (at > now) {
        // Woken up early to see a rate that changed meanwhile.
        await sleep(Math.min(Math.ceil(at - now), RECHECK_MS), signal);
        continue;
      }
      this.#lastGrantAt = now;
      this.#lastGrant = n;
      add(this.#granted, now, n);
      return n;
    }
  }

  /**
   * The input is exhausted: the rows still to write may run above the refill rate, spending the
   * margin the pacer kept in the bucket (it would be left unused otherwise).
   */
  drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    if (this.#refill !== undefined) this.#setRate(Math.max(this.#rate, this.#refill * DRAIN));
  }

  /** Adjusts the rate after an envelope's answer. */
  observe(signal: PacerSignal): void {
    const now = Date.now();
    const accepted = signal.accepted ?? 0;
    if (signal.throttledForMs !== undefined) {
      this.#throttled(now, accepted, signal.throttledForMs);
      return;
    }
    this.#acceptedSinceEmpty += accepted;
    const p = signal.limitPercentage;
    this.#nearLimit = p !== undefined && p >= 0.95;
    if (p === undefined) {
      // More than a fifth of the budget is left: spend it quickly.
      this.#adjust(this.#refill === undefined ? 8 : 1.5, Number.POSITIVE_INFINITY, now);
    } else if (p < 0.95) {
      // 5–20 % left: with a known refill rate, run a little above it until the surplus is spent;
      // before that, hold (the bucket is being drained and a 429 will measure the rate).
      if (this.#refill === undefined) this.#adjustedAt = now;
      else this.#adjust(1.05, this.#refill * OVER_REFILL, now);
    } else {
      // Nearly empty: hold the pace; small envelopes keep a 429 cheap.
      this.#adjustedAt = now;
    }
  }

  #throttled(now: number, accepted: number, waitMs: number): void {
    this.#nearLimit = true;
    // One episode per Retry-After: answers of envelopes already in flight repeat the same news. The
    // sample is exact unless the bucket was full at some point in between (writes it could not hold
    // were lost), so it never overestimates; successive samples are averaged.
    if (now >= this.#pausedUntil) {
      const writes = this.#acceptedSinceEmpty + accepted;
      if (this.#emptyAt !== undefined && writes >= MIN_SAMPLE_WRITES) {
        // Older samples count half as much at each new one, so a quota shared with other apps is followed.
        this.#sampleWrites = this.#sampleWrites / 2 + writes;
        this.#sampleMs = this.#sampleMs / 2 + (now - this.#emptyAt);
        this.#refill = (this.#sampleWrites * 1000) / this.#sampleMs;
      }
      if (this.#emptyAt === undefined || writes >= MIN_SAMPLE_WRITES) {
        this.#emptyAt = now;
        this.#acceptedSinceEmpty = 0;
      } else this.#acceptedSinceEmpty = writes;
      this.#setRate(
        this.#refill !== undefined
          ? this.#refill * (this.#draining ? 1 : UNDER_REFILL)
          : Math.min(this.#rate, perSecond(this.#granted, now) || this.#rate) * BLIND_CUT,
      );
    } else {
      this.#acceptedSinceEmpty += accepted;
    }
    this.#pausedUntil = Math.max(this.#pausedUntil, now + waitMs + RETRY_AFTER_MARGIN_MS);
    // Retry-After says when one write fits again; the next envelope needs the bucket to refill for
    // all of its writes, or the rest of it comes back 429 as early retries.
    this.#lastGrantAt = this.#pausedUntil;
    this.#lastGrant = NEAR_LIMIT_ENVELOPE;
    this.#adjustedAt = this.#pausedUntil;
  }

  /** Multiplies the rate by `factor` per second elapsed, up to `ceiling`. */
  #adjust(factor: number, ceiling: number, now: number): void {
    const seconds = Math.min(1, Math.max(0, now - this.#adjustedAt) / 1000);
    this.#adjustedAt = now;
    if (this.#rate >= ceiling) return;
    let rate = Math.min(ceiling, this.#rate * factor ** seconds);
    // When something else limits the pace (latency, the envelopes in flight), the rate may not run
    // far ahead of what is achieved, or the first throttle signal would find it many times too high.
    const achieved = perSecond(this.#granted, now);
    if (achieved > 0) rate = Math.min(rate, Math.max(this.#rate, 2 * achieved));
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
