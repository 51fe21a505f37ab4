import { z } from "zod";

/**
 * Graph's published throttling limits (api-surface 11.6, emulator-notes 3.1, and Microsoft's
 * "service-specific throttling limits" page, learn.microsoft.com/graph/throttling-limits).
 */
export const PUBLISHED_LIMITS = {
  /** Identity and access: resource units per app+tenant per `resourceUnitWindowMs`, by tenant size. */
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
  /** Identity and access reports (audit logs, sign-ins): requests per app+tenant per `reportsWindowMs`. */
  reportsAppTenantRequests: 5,
  /** Identity and access reports: requests per app across all tenants per `reportsWindowMs`. */
  reportsAppRequests: 122,
  reportsWindowMs: 10_000,
  /** Identity providers service (identityContainer resources): requests per tenant, all apps, per `identityWindowMs`. */
  identityTenantRequests: 300,
  /** Identity providers service: requests per app+tenant per `identityWindowMs`. */
  identityAppTenantRequests: 200,
  identityWindowMs: 60_000,
} as const;

const budget = z.number().int().positive().optional();

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
      appTenantWrites: budget,
      tenantWrites: budget,
      appResourceUnits: budget,
      appWrites: budget,
      reportsAppTenantRequests: budget,
      reportsAppRequests: budget,
      identityTenantRequests: budget,
      identityAppTenantRequests: budget,
    })
    .strict()
    .default({}),
});
/** Validated throttling settings. */
export type ThrottleSettings = z.infer<typeof ThrottleSettingsSchema>;
/** Throttling settings as written (defaults not yet applied). */
export type ThrottleSettingsInput = z.input<typeof ThrottleSettingsSchema>;
