import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PUBLISHED_LIMITS } from "../src/policy/throttle-settings.ts";
import { resourceUnits, Throttler, tenantSize } from "../src/policy/throttling.ts";
import { startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";
import { testRoutes } from "./helpers/routes.ts";
import { drain, req, T0 } from "./helpers/throttler.ts";

describe("the published budgets", () => {
  test.each([
    [0, "S", 3500],
    [49, "S", 3500],
    [50, "M", 5000],
    [500, "M", 5000],
    [501, "L", 8000],
  ] as const)("a tenant of %i users is %s: %i resource units per 10 s per app", (users, size, units) => {
    expect(tenantSize(users)).toBe(size);
    const throttler = new Throttler();
    expect(drain(throttler, req({ tenantUsers: users }), units + 10)).toBe(units);
    const refused = throttler.check(req({ tenantUsers: users, nowMs: T0 + 1 }));
    expect(refused).toMatchObject({
      allowed: false,
      information: "ResourceUnitLimitExceeded",
      scope: "Tenant_Application/ReadWrite/app/tenant",
    });
  });

  test("3,000 writes per app+tenant per 150 s", () => {
    const throttler = new Throttler();
    expect(drain(throttler, req({ write: true }), 3100)).toBe(PUBLISHED_LIMITS.appTenantWrites);
    const refused = throttler.check(req({ write: true, nowMs: T0 + 1 }));
    expect(refused).toMatchObject({
      allowed: false,
      information: "WriteLimitExceeded",
      scope: "Tenant_Application/Write/app/tenant",
    });
    // One write comes back every 150 s / 3000 = 50 ms.
    if (!refused.allowed) expect(refused.retryAfterMs).toBeLessThanOrEqual(50);
  });

  test("18,000 writes per tenant per 5 min, across apps", () => {
    const throttler = new Throttler();
    for (let app = 0; app < 6; app++)
      expect(drain(throttler, req({ appId: `app${app}`, write: true }), 3000)).toBe(3000);
    expect(throttler.check(req({ appId: "app6", write: true }))).toMatchObject({
      allowed: false,
      scope: "Tenant/Write/app6/tenant",
      information: "WriteLimitExceeded",
    });
    expect(throttler.check(req({ appId: "app7" })).allowed).toBe(true);
  });

  test("an app's budget across tenants: 150,000 RU per 20 s and 70,000 writes per 5 min", () => {
    const tenants = ["t1", "t2", "t3"];
    const reads = new Throttler({ limits: { appResourceUnits: 10 } });
    let allowed = 0;
    for (const tenantId of tenants) allowed += drain(reads, req({ tenantId, cost: 2 }), 10);
    expect(allowed).toBe(5);
    expect(reads.check(req({ tenantId: "t9", cost: 2 }))).toMatchObject({
      allowed: false,
      scope: "Application/ReadWrite/app/t9",
      information: "ResourceUnitLimitExceeded",
    });
    const writes = new Throttler({ limits: { appWrites: 4 } });
    let written = 0;
    for (const tenantId of tenants) written += drain(writes, req({ tenantId, write: true }), 3);
    expect(written).toBe(4);
    expect(writes.check(req({ tenantId: "t9", write: true }))).toMatchObject({
      allowed: false,
      scope: "Application/Write/app/t9",
      information: "WriteLimitExceeded",
    });
    expect(PUBLISHED_LIMITS).toMatchObject({ appResourceUnits: 150_000, appWrites: 70_000 });
  });

  test("a refused request is not charged and reads are not writes", () => {
    const throttler = new Throttler({ limits: { appTenantWrites: 1 } });
    expect(throttler.check(req({ write: true })).allowed).toBe(true);
    expect(throttler.check(req({ write: true })).allowed).toBe(false);
    expect(throttler.check(req({ write: false, nowMs: T0 + 200_000 })).allowed).toBe(true);
  });
});

describe("retry-after, early retries and the time scale", () => {
  test("the wait is exact; coming back sooner is an early retry, on time is allowed", () => {
    const throttler = new Throttler({ limits: { resourceUnits: { S: 10 } } });
    expect(throttler.check(req({ cost: 5 })).allowed).toBe(true);
    expect(throttler.check(req({ cost: 5 })).allowed).toBe(true);
    const refused = throttler.check(req({ cost: 5 }));
    if (refused.allowed) throw new Error("expected a 429");
    expect(refused.retryAfterMs).toBe(5000);
    expect(refused.earlyRetry).toBe(false);
    expect(throttler.check(req({ cost: 5, nowMs: T0 + 4999 }))).toMatchObject({
      allowed: false,
      earlyRetry: true,
      retryAfterMs: 1,
    });
    expect(throttler.check(req({ cost: 5, nowMs: T0 + 5000 })).allowed).toBe(true);
  });

  test.each([1, 60, 1000])("time scale %i divides every window", (scale) => {
    const throttler = new Throttler({ timeScale: scale, limits: { appTenantWrites: 100 } });
    for (let i = 0; i < 100; i++) expect(throttler.check(req({ write: true })).allowed).toBe(true);
    const refused = throttler.check(req({ write: true }));
    if (refused.allowed) throw new Error("expected a 429");
    expect(refused.earlyRetry).toBe(false);
    expect(refused.retryAfterMs).toBe(Math.ceil(150_000 / 100 / scale));
    // A full window later (scaled), the whole budget is back.
    expect(
      drain(throttler, req({ write: true, nowMs: T0 + 150_000 / scale + refused.retryAfterMs }), 200),
    ).toBe(100);
  });

  test("the limit percentage appears once more than 80 % is used", () => {
    const throttler = new Throttler({ limits: { resourceUnits: { S: 10 } } });
    const percentages = Array.from({ length: 10 }, () => {
      const d = throttler.check(req());
      return d.allowed ? (d.headers["x-ms-throttle-limit-percentage"] ?? null) : "429";
    });
    expect(percentages).toEqual([null, null, null, null, null, null, null, null, "0.9", "1.0"]);
  });

  test("switched off, nothing is refused", () => {
    const throttler = new Throttler({ enabled: false, limits: { resourceUnits: { S: 1 } } });
    expect(drain(throttler, req(), 100)).toBe(100);
  });
});

describe("resource-unit modifiers (api-surface 11.6)", () => {
  test.each([
    [2, "", 2],
    [2, "$select=id", 1],
    [1, "$select=id", 1],
    [3, "$expand=members", 4],
    [2, "$top=5", 1],
    [2, "$top=20", 2],
    [2, "$top=5&$select=id", 1],
    [5, "$top=999&$select=id&$expand=x", 5],
  ])("base %i with ?%s costs %i", (base, query, cost) => {
    expect(resourceUnits(base, new URLSearchParams(query))).toBe(cost);
  });

  test("creating a customer account costs 4 more", () => {
    expect(resourceUnits(1, new URLSearchParams(), true)).toBe(5);
  });
});

describe("over HTTPS", () => {
  let t: TestEmulator;
  let token: string;
  beforeAll(async () => {
    t = await startTestEmulator({
      routes: testRoutes,
      throttling: { timeScale: 4, limits: { resourceUnits: { S: 3 } } },
    });
    token = await t.graphToken();
  });
  afterAll(() => t.emu.stop());

  const list = () =>
    t.fetch(`${t.emu.graphUrl}/v1.0/users?$select=id`, { headers: { authorization: `Bearer ${token}` } });

  test("429 TooManyRequests with Graph's throttle headers, early retries counted", async () => {
    await t.control("DELETE", "/counters");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await list();
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const res = last as Response;
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get("x-ms-retry-after-ms"))).toBeGreaterThanOrEqual(1);
    // One resource unit comes back every 10 s / 3 / 4 (time scale) ≈ 834 ms.
    expect(Number(res.headers.get("x-ms-retry-after-ms"))).toBeLessThanOrEqual(834);
    expect(res.headers.get("x-ms-throttle-scope")).toBe(
      `Tenant_Application/ReadWrite/${t.tenant.clientId}/${t.tenant.tenantId}`,
    );
    expect(res.headers.get("x-ms-throttle-information")).toBe("ResourceUnitLimitExceeded");
    expect(await res.json()).toMatchObject({ error: { code: "TooManyRequests" } });
    const early = await list();
    const counters = (await (await t.control("GET", "/counters")).json()) as {
      throttled: number;
      earlyRetries: number;
    };
    expect(early.status).toBe(429);
    expect(counters.earlyRetries).toBe(1);
    expect(counters.throttled).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, Number(res.headers.get("x-ms-retry-after-ms")) + 50));
    expect((await list()).status).toBe(200);
  });

  test("the control API switches throttling off and refuses bad settings", async () => {
    await t.control("PUT", "/throttling", { enabled: false });
    for (let i = 0; i < 10; i++) expect((await list()).status).toBe(200);
    const bad = await t.control("PUT", "/throttling", { timeScale: -1 });
    expect(bad.status).toBe(400);
    expect(((await (await t.control("GET", "/throttling")).json()) as { enabled: boolean }).enabled).toBe(
      false,
    );
  });
});
