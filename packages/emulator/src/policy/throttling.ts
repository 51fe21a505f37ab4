import type { ThrottleFamily } from "./throttle-family.ts";
import {
  PUBLISHED_LIMITS,
  type ThrottleSettings,
  type ThrottleSettingsInput,
  ThrottleSettingsSchema,
} from "./throttle-settings.ts";
import { TokenBucket } from "./token-bucket.ts";

/** One request, as the throttler prices it. */
export interface ThrottleRequest {
  appId: string;
  tenantId: string;
  /** Users in the tenant: S < 50, M 50-500, L > 500. */
  tenantUsers: number;
  /** Resource units after modifiers. */
  cost: number;
  write: boolean;
  nowMs: number;
  /** The service whose limits apply; `directory` (identity and access) when omitted. */
  family?: ThrottleFamily;
}

/** Whether a request fits the budgets: the headers to add, or why and how long to wait. */
export type ThrottleDecision =
  | { allowed: true; headers: Record<string, string> }
  | {
      allowed: false;
      /** Exact wait in (scaled) milliseconds. */
      retryAfterMs: number;
      /** `x-ms-throttle-scope`: `Scope/Limit/AppId/TenantId`. */
      scope: string;
      /** `x-ms-throttle-information`. */
      information: string;
      /** The caller came back before the Retry-After it was given. */
      earlyRetry: boolean;
    };

/**
 * `x-ms-throttle-information` for the request-count services. Microsoft documents the header's
 * examples for the identity and access service only and says it "can have any value".
 */
const REQUEST_LIMIT = "RequestLimitExceeded";

/** One budget a request must fit: a bucket key, its size and window (scaled), what it costs, and how a refusal reads. */
interface Budget {
  key: string;
  capacity: number;
  windowMs: number;
  cost: number;
  scope: string;
  information: string;
}

/** The tenant size class that sets the resource-unit budget. */
export function tenantSize(users: number): "S" | "M" | "L" {
  return users < 50 ? "S" : users <= 500 ? "M" : "L";
}

/**
 * Graph's throttling by service: for the directory, a resource-unit bucket and a write bucket per
 * app+tenant, a write bucket per tenant, and a resource-unit and a write bucket per app across
 * tenants; for reports and identity providers, request-count buckets (see `ThrottleFamily`). A
 * request that does not fit is refused whole (nothing charged) with the wait until it would; one
 * that comes back sooner is an early retry, refused again.
 */
export class Throttler {
  #settings: ThrottleSettings;
  readonly #buckets = new Map<string, TokenBucket>();
  /** The last refusal per service and app+tenant: until when, and why (an early retry is refused for the same reason). */
  readonly #retryUntil = new Map<string, { until: number; scope: string; information: string }>();

  constructor(settings: ThrottleSettingsInput = {}) {
    this.#settings = ThrottleSettingsSchema.parse(settings);
  }

  get settings(): ThrottleSettings {
    return this.#settings;
  }

  /** Replaces the settings and empties every bucket (a new budget starts full). */
  configure(settings: ThrottleSettingsInput): void {
    this.#settings = ThrottleSettingsSchema.parse(settings);
    this.reset();
  }

  reset(): void {
    this.#buckets.clear();
    this.#retryUntil.clear();
  }

  check(req: ThrottleRequest): ThrottleDecision {
    if (!this.#settings.enabled) return { allowed: true, headers: {} };
    const family = req.family ?? "directory";
    // Each service keeps its own budgets, so a 429 from the reports service does not refuse a
    // directory call made during its Retry-After.
    const retryKey = `${family}/${req.appId}/${req.tenantId}`;
    const early = this.#retryUntil.get(retryKey);
    if (early !== undefined) {
      if (req.nowMs < early.until) {
        return {
          allowed: false,
          retryAfterMs: early.until - req.nowMs,
          scope: early.scope,
          information: early.information,
          earlyRetry: true,
        };
      }
      this.#retryUntil.delete(retryKey);
    }
    const checks = this.#budgets(req, family).map((b) => ({
      ...b,
      bucket: this.#bucket(b.key, b.capacity, b.windowMs, req.nowMs),
    }));
    for (const c of checks) {
      const wait = c.bucket.waitFor(c.cost, req.nowMs);
      if (wait > 0) {
        this.#retryUntil.set(retryKey, {
          until: req.nowMs + wait,
          scope: c.scope,
          information: c.information,
        });
        return {
          allowed: false,
          retryAfterMs: wait,
          scope: c.scope,
          information: c.information,
          earlyRetry: false,
        };
      }
    }
    let used = 0;
    for (const c of checks) {
      c.bucket.take(c.cost, req.nowMs);
      used = Math.max(used, c.bucket.used(req.nowMs));
    }
    // Graph sends the percentage only once more than 80 % of a limit is used.
    return {
      allowed: true,
      headers: used > 0.8 ? { "x-ms-throttle-limit-percentage": used.toFixed(1) } : {},
    };
  }

  /** The budgets a request is checked against, narrowest scope first (that scope is the one reported). */
  #budgets(req: ThrottleRequest, family: ThrottleFamily): Budget[] {
    const s = this.#settings;
    const l = s.limits;
    const P = PUBLISHED_LIMITS;
    const window = (ms: number) => ms / s.timeScale;
    const appTenant = `${req.appId}/${req.tenantId}`;
    const budget = (
      key: string,
      capacity: number,
      windowMs: number,
      cost: number,
      scope: string,
      information: string,
    ): Budget => ({ key, capacity, windowMs: window(windowMs), cost, scope, information });
    switch (family) {
      // These two services count requests, not resource units, and have no separate write quota.
      case "reports":
        return [
          budget(
            `rep/${appTenant}`,
            l.reportsAppTenantRequests ?? P.reportsAppTenantRequests,
            P.reportsWindowMs,
            1,
            `Tenant_Application/ReadWrite/${appTenant}`,
            REQUEST_LIMIT,
          ),
          budget(
            `repa/${req.appId}`,
            l.reportsAppRequests ?? P.reportsAppRequests,
            P.reportsWindowMs,
            1,
            `Application/ReadWrite/${appTenant}`,
            REQUEST_LIMIT,
          ),
        ];
      case "identityProviders":
        return [
          budget(
            `idp/${appTenant}`,
            l.identityAppTenantRequests ?? P.identityAppTenantRequests,
            P.identityWindowMs,
            1,
            `Tenant_Application/ReadWrite/${appTenant}`,
            REQUEST_LIMIT,
          ),
          budget(
            `idpt/${req.tenantId}`,
            l.identityTenantRequests ?? P.identityTenantRequests,
            P.identityWindowMs,
            1,
            `Tenant/ReadWrite/${appTenant}`,
            REQUEST_LIMIT,
          ),
        ];
      case "directory": {
        const size = tenantSize(req.tenantUsers);
        const RU = "ResourceUnitLimitExceeded";
        const W = "WriteLimitExceeded";
        const budgets = [
          budget(
            `ru/${appTenant}`,
            l.resourceUnits?.[size] ?? P.resourceUnits[size],
            P.resourceUnitWindowMs,
            req.cost,
            `Tenant_Application/ReadWrite/${appTenant}`,
            RU,
          ),
          budget(
            `aru/${req.appId}`,
            l.appResourceUnits ?? P.appResourceUnits,
            P.appResourceUnitWindowMs,
            req.cost,
            `Application/ReadWrite/${appTenant}`,
            RU,
          ),
        ];
        if (!req.write) return budgets;
        return [
          ...budgets,
          budget(
            `w/${appTenant}`,
            l.appTenantWrites ?? P.appTenantWrites,
            P.appTenantWriteWindowMs,
            1,
            `Tenant_Application/Write/${appTenant}`,
            W,
          ),
          budget(
            `tw/${req.tenantId}`,
            l.tenantWrites ?? P.tenantWrites,
            P.tenantWriteWindowMs,
            1,
            `Tenant/Write/${appTenant}`,
            W,
          ),
          budget(
            `aw/${req.appId}`,
            l.appWrites ?? P.appWrites,
            P.appWriteWindowMs,
            1,
            `Application/Write/${appTenant}`,
            W,
          ),
        ];
      }
    }
  }

  #bucket(key: string, capacity: number, windowMs: number, nowMs: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    // A tenant that changed size class gets the new budget.
    if (bucket === undefined || bucket.capacity !== capacity || bucket.windowMs !== windowMs) {
      bucket = new TokenBucket(capacity, windowMs, nowMs);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}

/**
 * Resource units a request costs: the route's base cost with Graph's query modifiers, plus 4 for
 * creating a customer account (`createsCustomer`), at least 1.
 */
export function resourceUnits(base: number, query: URLSearchParams, createsCustomer = false): number {
  let cost = base + (createsCustomer ? 4 : 0);
  if (query.has("$select")) cost -= 1;
  if (query.has("$expand")) cost += 1;
  const top = query.get("$top");
  if (top !== null && /^\d+$/.test(top) && Number(top) < 20) cost -= 1;
  return Math.max(1, cost);
}
