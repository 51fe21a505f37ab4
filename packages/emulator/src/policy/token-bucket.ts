/**
 * A token bucket: holds up to `capacity`, refills continuously at `capacity` per `windowMs`.
 * Graph's identity budgets are stated this way (api-surface 11.6: "a token bucket summing
 * per-request costs").
 */
export class TokenBucket {
  readonly capacity: number;
  readonly windowMs: number;
  #tokens: number;
  #last: number;

  constructor(capacity: number, windowMs: number, nowMs: number) {
    this.capacity = capacity;
    this.windowMs = windowMs;
    this.#tokens = capacity;
    this.#last = nowMs;
  }

  /** Milliseconds until `cost` tokens are available; 0 when they are now. */
  waitFor(cost: number, nowMs: number): number {
    this.#refill(nowMs);
    if (this.#tokens >= cost) return 0;
    return Math.ceil(((cost - this.#tokens) * this.windowMs) / this.capacity);
  }

  take(cost: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#tokens -= cost;
  }

  /** Fraction of the budget in use, 0 (full bucket) to 1 (empty). */
  used(nowMs: number): number {
    this.#refill(nowMs);
    return (this.capacity - this.#tokens) / this.capacity;
  }

  #refill(nowMs: number): void {
    const elapsed = nowMs - this.#last;
    if (elapsed <= 0) return;
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.capacity) / this.windowMs);
    this.#last = nowMs;
  }
}
