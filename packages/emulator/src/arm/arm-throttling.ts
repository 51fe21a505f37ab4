import { z } from "zod";
import { TokenBucket } from "../policy/token-bucket.ts";

/**
 * ARM's regional token buckets (emulator-notes 3.5): per subscription x principal x operation type,
 * reads 250 refilled at 25/s, writes and deletes 200 at 10/s; plus a global subscription bucket of
 * 15x those across all principals. Tenant-scope requests have the same per-principal numbers.
 */
export const ARM_PUBLISHED_LIMITS = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
  globalFactor: 15,
} as const;

export type ArmOperationType = keyof Omit<typeof ARM_PUBLISHED_LIMITS, "globalFactor">;

/** Bucket capacities to use instead of the published ones (tests use small ones); refill rates stay. */
export const ArmLimitsSchema = z
  .object({
    reads: z.number().int().positive(),
    writes: z.number().int().positive(),
    deletes: z.number().int().positive(),
  })
  .partial();
export type ArmLimits = z.infer<typeof ArmLimitsSchema>;

/** One request as ARM's throttler sees it. */
export interface ArmThrottleRequest {
  /** The subscription addressed, or `null` for tenant-scope requests (provider operations list). */
  subscriptionId: string | null;
  tenantId: string;
  principalId: string;
  type: ArmOperationType;
  nowMs: number;
  /** The emulator's time scale: 60 refills a bucket 60 times faster. */
  timeScale: number;
}

export type ArmThrottleDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; retryAfterSeconds: number; code: string; message: string };

/** ARM's throttler: decides and reports the `x-ms-ratelimit-remaining-*` headers. */
export class ArmThrottler {
  readonly #buckets = new Map<string, TokenBucket>();
  #limits: ArmLimits;

  constructor(limits: ArmLimits = {}) {
    this.#limits = ArmLimitsSchema.parse(limits);
  }

  /** Replaces the capacities and empties every bucket. */
  configure(limits: ArmLimits): void {
    this.#limits = ArmLimitsSchema.parse(limits);
    this.reset();
  }

  reset(): void {
    this.#buckets.clear();
  }

  /**
   * Charges one request and reports what is left. With `enforce` false (throttling switched off)
   * nothing is ever refused, but the headers still count down as ARM's would.
   */
  check(req: ArmThrottleRequest, enforce = true): ArmThrottleDecision {
    const published = ARM_PUBLISHED_LIMITS[req.type];
    const capacity = this.#limits[req.type] ?? published.capacity;
    const windowMs = (capacity / published.refillPerSecond) * (1000 / req.timeScale);
    const scope = req.subscriptionId === null ? "tenant" : "subscription";
    const scopeId = req.subscriptionId ?? req.tenantId;
    const actor = this.#bucket(`${scope}/${scopeId}/${req.principalId}/${req.type}`, capacity, windowMs, req);
    const global =
      scope === "subscription"
        ? this.#bucket(
            `global/${scopeId}/${req.type}`,
            capacity * ARM_PUBLISHED_LIMITS.globalFactor,
            windowMs,
            req,
          )
        : undefined;
    const wait = Math.max(actor.waitFor(1, req.nowMs), global?.waitFor(1, req.nowMs) ?? 0);
    if (wait > 0 && enforce) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      const kind = req.type.replace(/s$/, "");
      return {
        allowed: false,
        retryAfterSeconds: seconds,
        code: scope === "subscription" ? "SubscriptionRequestsThrottled" : "TenantRequestsThrottled",
        message: `Number of '${kind}' requests for ${scope} '${scopeId}' actor '${req.principalId}' exceeded. Please try again after '${seconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
      };
    }
    if (wait === 0) {
      actor.take(1, req.nowMs);
      global?.take(1, req.nowMs);
    }
    const remaining = (b: TokenBucket) => String(Math.floor(b.capacity * (1 - b.used(req.nowMs))));
    const headers: Record<string, string> = {
      [`x-ms-ratelimit-remaining-${scope}-${req.type}`]: remaining(actor),
    };
    if (global !== undefined)
      headers[`x-ms-ratelimit-remaining-subscription-global-${req.type}`] = remaining(global);
    return { allowed: true, headers };
  }

  #bucket(key: string, capacity: number, windowMs: number, req: ArmThrottleRequest): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined || bucket.capacity !== capacity || bucket.windowMs !== windowMs) {
      bucket = new TokenBucket(capacity, windowMs, req.nowMs);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
