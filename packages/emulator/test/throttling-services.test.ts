import { describe, expect, test } from "vitest";
import { type ThrottleFamily, throttleFamily } from "../src/policy/throttle-family.ts";
import { PUBLISHED_LIMITS, ThrottleSettingsSchema } from "../src/policy/throttle-settings.ts";
import { Throttler } from "../src/policy/throttling.ts";
import { drain, req, T0 } from "./helpers/throttler.ts";

// The reports and identity providers services (learn.microsoft.com/graph/throttling-limits,
// api-surface 11.6): request-count limits beside the directory's resource-unit budgets.

describe("which service a path belongs to", () => {
  test.each([
    ["/auditLogs/directoryAudits", "reports"],
    ["/auditLogs/directoryAudits/{id}", "reports"],
    ["/auditLogs/signIns", "reports"],
    ["/AUDITLOGS/signUps", "reports"],
    ["/identity/identityProviders", "identityProviders"],
    ["/identity/identityProviders/availableProviderTypes", "identityProviders"],
    ["/identity/b2xUserFlows/{id}/userAttributeAssignments", "identityProviders"],
    ["/identity/userFlowAttributes", "identityProviders"],
    ["/identity/apiConnectors", "identityProviders"],
    ["/identity/customAuthenticationExtensions/{id}", "identityProviders"],
    ["/identity/authenticationEventListeners", "identityProviders"],
    ["/customAuthenticationExtensions/validateAuthenticationConfiguration", "identityProviders"],
    ["/trustFramework/policies/{id}/$value", "identityProviders"],
    ["/trustFramework/keySets", "identityProviders"],
    ["/policies/authenticationFlowsPolicy", "identityProviders"],
    // External ID's user flows: the successor of the listed identityUserFlow.
    [
      "/identity/authenticationEventsFlows/{id}/conditions/applications/includeApplications",
      "identityProviders",
    ],
    // On the identityContainer, but another service (identity protection and conditional access).
    ["/identity/conditionalAccess/policies", "directory"],
    ["/users", "directory"],
    ["/applications/{id}", "directory"],
    ["/organization/{id}/branding", "directory"],
    ["/policies/tokenLifetimePolicies", "directory"],
  ] as [string, ThrottleFamily][])("%s is %s", (path, family) => {
    expect(throttleFamily(path)).toBe(family);
  });
});

describe("the published request limits", () => {
  test.each([
    // family, published requests, window, what the 429 names
    [
      "reports",
      PUBLISHED_LIMITS.reportsAppTenantRequests,
      5,
      10_000,
      "Tenant_Application/ReadWrite/app/tenant",
    ],
    [
      "identityProviders",
      PUBLISHED_LIMITS.identityAppTenantRequests,
      200,
      60_000,
      "Tenant_Application/ReadWrite/app/tenant",
    ],
  ] as const)("%s: %i requests per app+tenant", (family, published, expected, windowMs, scope) => {
    expect(published).toBe(expected);
    const throttler = new Throttler();
    expect(drain(throttler, req({ family }), expected + 10)).toBe(expected);
    const refused = throttler.check(req({ family, nowMs: T0 + 1 }));
    expect(refused).toMatchObject({ allowed: false, scope, information: "RequestLimitExceeded" });
    // One request comes back every window / limit.
    if (!refused.allowed) expect(refused.retryAfterMs).toBe(windowMs / expected - 1);
  });

  test("identity providers: 300 requests per tenant per minute, all apps together", () => {
    expect(PUBLISHED_LIMITS.identityTenantRequests).toBe(300);
    const throttler = new Throttler();
    expect(drain(throttler, req({ appId: "a", family: "identityProviders" }), 250)).toBe(200);
    expect(drain(throttler, req({ appId: "b", family: "identityProviders" }), 250)).toBe(100);
    expect(throttler.check(req({ appId: "c", family: "identityProviders" }))).toMatchObject({
      allowed: false,
      scope: "Tenant/ReadWrite/c/tenant",
      retryAfterMs: 200,
    });
    // Another tenant has its own budget.
    expect(throttler.check(req({ appId: "c", tenantId: "other", family: "identityProviders" })).allowed).toBe(
      true,
    );
  });

  test("reports: 122 requests per app per 10 s across tenants", () => {
    expect(PUBLISHED_LIMITS.reportsAppRequests).toBe(122);
    const throttler = new Throttler();
    let allowed = 0;
    for (let t = 0; t < 30; t++)
      allowed += drain(throttler, req({ tenantId: `t${t}`, family: "reports" }), 5);
    expect(allowed).toBe(122);
    expect(throttler.check(req({ tenantId: "t99", family: "reports" }))).toMatchObject({
      allowed: false,
      scope: "Application/ReadWrite/app/t99",
    });
    expect(throttler.check(req({ appId: "other", tenantId: "t99", family: "reports" })).allowed).toBe(true);
  });

  test("the services keep separate budgets and separate Retry-After", () => {
    const throttler = new Throttler({ limits: { reportsAppTenantRequests: 1, resourceUnits: { S: 1 } } });
    expect(throttler.check(req({ family: "reports" })).allowed).toBe(true);
    expect(throttler.check(req({ family: "reports" })).allowed).toBe(false);
    // During the reports Retry-After, the directory and the identity providers still answer.
    expect(throttler.check(req()).allowed).toBe(true);
    expect(throttler.check(req({ family: "identityProviders" })).allowed).toBe(true);
    expect(throttler.check(req()).allowed).toBe(false);
    expect(throttler.check(req({ family: "reports" }))).toMatchObject({ allowed: false, earlyRetry: true });
  });

  test("identity provider writes count as requests, not against the directory write quota", () => {
    const throttler = new Throttler({ limits: { appTenantWrites: 1, identityAppTenantRequests: 3 } });
    expect(drain(throttler, req({ write: true, cost: 5, family: "identityProviders" }), 10)).toBe(3);
    expect(throttler.check(req({ write: true })).allowed).toBe(true);
  });
});

describe("retry-after, early retries, time scale and the switch", () => {
  test.each([
    ["reports", "reportsAppTenantRequests", 10_000],
    ["identityProviders", "identityAppTenantRequests", 60_000],
  ] as const)("%s: an early retry is refused again, on time is allowed", (family, key, windowMs) => {
    const throttler = new Throttler({ limits: { [key]: 2 } });
    expect(drain(throttler, req({ family }), 5)).toBe(2);
    const refused = throttler.check(req({ family, nowMs: T0 }));
    expect(refused).toMatchObject({ allowed: false, earlyRetry: true, retryAfterMs: windowMs / 2 });
    expect(throttler.check(req({ family, nowMs: T0 + windowMs / 2 - 1 }))).toMatchObject({
      allowed: false,
      earlyRetry: true,
      retryAfterMs: 1,
    });
    expect(throttler.check(req({ family, nowMs: T0 + windowMs / 2 })).allowed).toBe(true);
  });

  test.each([1, 60, 1000])("time scale %i divides the reports and identity provider windows", (scale) => {
    const throttler = new Throttler({ timeScale: scale });
    for (const [family, limit, windowMs] of [
      ["reports", 5, 10_000],
      ["identityProviders", 200, 60_000],
    ] as const) {
      expect(drain(throttler, req({ family }), limit)).toBe(limit);
      const refused = throttler.check(req({ family }));
      if (refused.allowed) throw new Error("expected a 429");
      expect(refused.earlyRetry).toBe(false);
      expect(refused.retryAfterMs).toBe(Math.ceil(windowMs / limit / scale));
      // A full (scaled) window later, the whole budget is back.
      const later = T0 + windowMs / scale + refused.retryAfterMs;
      expect(drain(throttler, req({ family, nowMs: later }), limit + 1)).toBe(limit);
    }
  });

  test("the limit percentage appears once more than 80 % of a request budget is used", () => {
    const throttler = new Throttler();
    const percentages = Array.from({ length: 5 }, () => {
      const d = throttler.check(req({ family: "reports" }));
      return d.allowed ? (d.headers["x-ms-throttle-limit-percentage"] ?? null) : "429";
    });
    expect(percentages).toEqual([null, null, null, null, "1.0"]);
  });

  test("switched off, nothing is refused", () => {
    const throttler = new Throttler({
      enabled: false,
      limits: { reportsAppTenantRequests: 1, identityAppTenantRequests: 1 },
    });
    expect(drain(throttler, req({ family: "reports" }), 50)).toBe(50);
    expect(drain(throttler, req({ family: "identityProviders" }), 50)).toBe(50);
  });

  test.each([
    [{ reportsAppTenantRequests: 0 }],
    [{ identityTenantRequests: 1.5 }],
    [{ reportsAppRequests: -1 }],
    [{ reportAppTenantRequests: 2 }],
  ])("settings %o are refused", (limits) => {
    expect(ThrottleSettingsSchema.safeParse({ limits }).success).toBe(false);
  });
});
