import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLISHED_LIMITS, Throttler } from "../src/policy/throttling.ts";
import { startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";
import { type GraphCaller, graphCaller } from "./helpers/graph-https.ts";

const req = (appId: string, nowMs: number) => ({
  appId,
  tenantId: "t1",
  tenantUsers: 10,
  cost: 1,
  write: false,
  nowMs,
  budget: "identity" as const,
});

describe("the identity budget (api-surface 11.6)", () => {
  it("allows 200 requests a minute per app and tenant, then the minute's remainder", () => {
    const throttler = new Throttler();
    for (let i = 0; i < PUBLISHED_LIMITS.identityAppTenantRequests; i++) {
      expect(throttler.check(req("a", 0)).allowed).toBe(true);
    }
    const refused = throttler.check(req("a", 0));
    expect(refused).toMatchObject({
      allowed: false,
      scope: "Tenant_Application/Identity/a/t1",
      information: "RequestLimitExceeded",
    });
    expect(refused.allowed === false && refused.retryAfterMs).toBe(300);
    // Coming back before Retry-After is refused again; the app's directory requests are not held back.
    expect(throttler.check(req("a", 100))).toMatchObject({ allowed: false, earlyRetry: true });
    const { budget: _budget, ...directory } = req("a", 100);
    expect(throttler.check(directory).allowed).toBe(true);
    expect(throttler.check(req("a", 300)).allowed).toBe(true);
  });

  it("allows 300 requests a minute per tenant across apps", () => {
    const throttler = new Throttler();
    for (let i = 0; i < 150; i++) expect(throttler.check(req("a", 0)).allowed).toBe(true);
    for (let i = 0; i < 150; i++) expect(throttler.check(req("b", 0)).allowed).toBe(true);
    expect(throttler.check(req("c", 0))).toMatchObject({ allowed: false, scope: "Tenant/Identity/c/t1" });
  });

  it("does not apply to requests outside /identity", () => {
    const throttler = new Throttler({ limits: { identityAppTenantRequests: 1 } });
    const { budget: _budget, ...directory } = req("a", 0);
    for (let i = 0; i < 5; i++) expect(throttler.check(directory).allowed).toBe(true);
  });
});

describe("over HTTPS", () => {
  let t: TestEmulator;
  let g: GraphCaller;
  beforeAll(async () => {
    t = await startTestEmulator({ throttling: { limits: { identityAppTenantRequests: 3 } } });
    const token = await t.graphToken();
    g = graphCaller(t, () => token);
  });
  afterAll(() => t.emu.stop());

  it("answers 429 with Retry-After once an app used its identity budget, other resources unaffected", async () => {
    for (const path of ["identityProviders", "userFlowAttributes", "authenticationEventsFlows"]) {
      expect((await g.get(`/v1.0/identity/${path}`)).status).toBe(200);
    }
    const throttled = await g.get("/v1.0/identity/identityProviders");
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(throttled.headers.get("x-ms-throttle-scope")).toMatch(/^Tenant_Application\/Identity\//);
    expect((await g.get("/v1.0/users?$top=1")).status).toBe(200);
  });
});
