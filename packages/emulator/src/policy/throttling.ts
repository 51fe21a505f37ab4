import { z } from "zod";
import { TokenBucket } from "./token-bucket.ts";

/** Graph's published identity-and-access budgets (api-surface 11.6, emulator-notes 3.1). */
export const PUBLISHED_LIMITS = {
  /** Resource units per app+tenant per `resourceUnitWindowMs`, by tenant size. */
  resourceUnits: { S: 3500, M: 5000, L: 8000 },
  resourceUnitWindowMs: 10_000,
  /** Writes per app+tenant. */
  appTenantWrites: 3000,
  appTenantWriteWindowMs: 150_000,
  /** Writes per tenant, all apps together. */
  tenantWrites: 18_000,
  tenantWriteWindowMs: 300_000,
  /** Resource units and writes per app across all tenants. */
  appResourceUnits: 150_000,
  appResourceUnitWindowMs: 20_000,
  appWrites: 70_000,
  appWriteWindowMs: 300_000,
  /** identityContainer / identityProvider requests per tenant and per app+tenant, per minute. */
  identityTenantRequests: 300,
  identityAppTenantRequests: 200,
  identityWindowMs: 60_000,
} as const;

/** Throttling settings; `limits` override the published numbers (tests use small budgets). */
export const ThrottleSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Every window is divided by this factor: 60 turns the 150 s write window into 2.5 s. */
  timeScale: z.number().positive().max(100_000).default(1),
  limits: z
    .object({
      resourceUnits: z
        .object({
          S: z.number().int().positive(),
          M: z.number().int().positive(),
          L: z.number().int().positive(),
        })
        .partial()
        .optional(),
      appTenantWrites: z.number().int().positive().optional(),
      tenantWrites: z.number().int().positive().optional(),
      appResourceUnits: z.number().int().positive().optional(),
      appWrites: z.number().int().positive().optional(),
      identityTenantRequests: z.number().int().positive().optional(),
      identityAppTenantRequests: z.number().int().positive().optional(),
    })
    .default({}),
});
/** Validated throttling settings. */
export type ThrottleSettings = z.infer<typeof ThrottleSettingsSchema>;
/** Throttling settings as written (defaults not yet applied). */
export type ThrottleSettingsInput = z.input<typeof ThrottleSettingsSchema>;

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
  /** A service budget the request also counts against (see `GraphRoute.budget`). */
  budget?: "identity";
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

/** The tenant size class that sets the resource-unit budget. */
export function tenantSize(users: number): "S" | "M" | "L" {
  return users < 50 ? "S" : users <= 500 ? "M" : "L";
}

/**
 * Graph's directory throttling: a resource-unit bucket and a write bucket per app+tenant, a write
 * bucket per tenant, and a resource-unit and a write bucket per app across tenants. A request that does not fit is refused whole (nothing charged) with
 * the wait until it would; one that comes back sooner is an early retry, refused again.
 */
export class Throttler {
  #settings: ThrottleSettings;
  readonly #buckets = new Map<string, TokenBucket>();
  /** The last refusal per app+tenant: until when, and why (an early retry is refused for the same reason). */
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
    const appTenant = `${req.appId}/${req.tenantId}`;
    // An identity-budget refusal holds back only the app's /identity requests; a directory one, all.
    const locks = req.budget === "identity" ? [appTenant, `identity/${appTenant}`] : [appTenant];
    for (const lock of locks) {
      const early = this.#retryUntil.get(lock);
      if (early === undefined) continue;
      if (req.nowMs < early.until) {
        return {
          allowed: false,
          retryAfterMs: early.until - req.nowMs,
          scope: early.scope,
          information: early.information,
          earlyRetry: true,
        };
      }
      this.#retryUntil.delete(lock);
    }
    const limits = this.#limits(req.tenantUsers);
    const check = (
      key: string,
      capacity: number,
      windowMs: number,
      cost: number,
      scope: string,
      write: boolean,
    ) => ({
      bucket: this.#bucket(key, capacity, windowMs, req.nowMs),
      cost,
      scope,
      information: write ? "WriteLimitExceeded" : "ResourceUnitLimitExceeded",
    });
    const checks: Array<ReturnType<typeof check> & { lock?: string }> = [
      check(
        `ru/${appTenant}`,
        limits.ru,
        limits.ruWindow,
        req.cost,
        `Tenant_Application/ReadWrite/${appTenant}`,
        false,
      ),
      check(
        `aru/${req.appId}`,
        limits.appRu,
        limits.appRuWindow,
        req.cost,
        `Application/ReadWrite/${appTenant}`,
        false,
      ),
    ];
    if (req.write) {
      checks.push(
        check(
          `w/${appTenant}`,
          limits.appTenantWrites,
          limits.appTenantWriteWindow,
          1,
          `Tenant_Application/Write/${appTenant}`,
          true,
        ),
        check(
          `tw/${req.tenantId}`,
          limits.tenantWrites,
          limits.tenantWriteWindow,
          1,
          `Tenant/Write/${appTenant}`,
          true,
        ),
        check(
          `aw/${req.appId}`,
          limits.appWrites,
          limits.appWriteWindow,
          1,
          `Application/Write/${appTenant}`,
          true,
        ),
      );
    }
    if (req.budget === "identity") {
      // identityContainer / identityProvider resources: requests per minute, reads and writes alike.
      checks.push(
        {
          bucket: this.#bucket(`ida/${appTenant}`, limits.identityApp, limits.identityWindow, req.nowMs),
          cost: 1,
          scope: `Tenant_Application/Identity/${appTenant}`,
          information: "RequestLimitExceeded",
          lock: `identity/${appTenant}`,
        },
        {
          bucket: this.#bucket(
            `idt/${req.tenantId}`,
            limits.identityTenant,
            limits.identityWindow,
            req.nowMs,
          ),
          cost: 1,
          scope: `Tenant/Identity/${appTenant}`,
          information: "RequestLimitExceeded",
          lock: `identity/${appTenant}`,
        },
      );
    }
    for (const c of checks) {
      const wait = c.bucket.waitFor(c.cost, req.nowMs);
      if (wait > 0) {
        this.#retryUntil.set(c.lock ?? appTenant, {
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

  #limits(users: number) {
    const s = this.#settings;
    const scale = s.timeScale;
    const size = tenantSize(users);
    return {
      ru: s.limits.resourceUnits?.[size] ?? PUBLISHED_LIMITS.resourceUnits[size],
      ruWindow: PUBLISHED_LIMITS.resourceUnitWindowMs / scale,
      appTenantWrites: s.limits.appTenantWrites ?? PUBLISHED_LIMITS.appTenantWrites,
      appTenantWriteWindow: PUBLISHED_LIMITS.appTenantWriteWindowMs / scale,
      tenantWrites: s.limits.tenantWrites ?? PUBLISHED_LIMITS.tenantWrites,
      tenantWriteWindow: PUBLISHED_LIMITS.tenantWriteWindowMs / scale,
      appRu: s.limits.appResourceUnits ?? PUBLISHED_LIMITS.appResourceUnits,
      appRuWindow: PUBLISHED_LIMITS.appResourceUnitWindowMs / scale,
      appWrites: s.limits.appWrites ?? PUBLISHED_LIMITS.appWrites,
      appWriteWindow: PUBLISHED_LIMITS.appWriteWindowMs / scale,
      identityApp: s.limits.identityAppTenantRequests ?? PUBLISHED_LIMITS.identityAppTenantRequests,
      identityTenant: s.limits.identityTenantRequests ?? PUBLISHED_LIMITS.identityTenantRequests,
      identityWindow: PUBLISHED_LIMITS.identityWindowMs / scale,
    };
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
