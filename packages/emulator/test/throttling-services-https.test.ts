// The reports and identity providers services over HTTPS (learn.microsoft.com/graph/throttling-limits,
// api-surface 11.6): 429s with Retry-After, early retries, time scale, $batch items and the switch.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";

describe("over HTTPS", () => {
  let t: TestEmulator;
  let token: string;
  beforeAll(async () => {
    t = await startTestEmulator({ throttling: false });
    token = await t.graphToken();
  });
  afterAll(() => t.emu.stop());
  afterEach(async () => {
    vi.useRealTimers();
    await t.control("PUT", "/throttling", { enabled: false });
  });

  const auth = () => ({ authorization: `Bearer ${token}` });
  const get = (path: string) => t.fetch(`${t.emu.graphUrl}${path}`, { headers: auth() });
  /** Freezes the emulator's clock (it reads Date) so that no budget refills between requests. */
  const freeze = () => {
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now });
    return now;
  };
  const counters = async () =>
    (await (await t.control("GET", "/counters")).json()) as { throttled: number; earlyRetries: number };

  test.each([
    ["/v1.0/auditLogs/directoryAudits", "reportsAppTenantRequests", 10_000],
    ["/v1.0/auditLogs/signIns?$top=1", "reportsAppTenantRequests", 10_000],
    ["/v1.0/identity/customAuthenticationExtensions", "identityAppTenantRequests", 60_000],
    ["/beta/identity/authenticationEventListeners", "identityAppTenantRequests", 60_000],
  ] as const)(
    "GET %s: 429 past %s, Retry-After honoured, early retries counted",
    async (path, key, windowMs) => {
      expect((await t.control("PUT", "/throttling", { limits: { [key]: 2 } })).status).toBe(200);
      await t.control("DELETE", "/counters");
      const start = freeze();
      const first = await get(path);
      expect(first.status).toBe(200);
      // Request-count services are not priced in resource units.
      expect(first.headers.get("x-ms-resource-unit")).toBeNull();
      expect((await get(path)).status).toBe(200);
      const refused = await get(path);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe(String(windowMs / 2 / 1000));
      expect(refused.headers.get("x-ms-retry-after-ms")).toBe(String(windowMs / 2));
      expect(refused.headers.get("x-ms-throttle-scope")).toBe(
        `Tenant_Application/ReadWrite/${t.tenant.clientId}/${t.tenant.tenantId}`,
      );
      expect(refused.headers.get("x-ms-throttle-information")).toBe("RequestLimitExceeded");
      expect(await refused.json()).toMatchObject({ error: { code: "TooManyRequests" } });
      expect((await get(path)).status).toBe(429);
      expect(await counters()).toMatchObject({ throttled: 2, earlyRetries: 1 });
      // The directory is another service: its budget is untouched.
      expect((await get("/v1.0/users?$select=id")).status).toBe(200);
      vi.setSystemTime(start + windowMs / 2);
      expect((await get(path)).status).toBe(200);
    },
  );

  test("the time scale shortens the reports window", async () => {
    await t.control("PUT", "/throttling", { timeScale: 10, limits: { reportsAppTenantRequests: 2 } });
    freeze();
    for (let i = 0; i < 2; i++) expect((await get("/v1.0/auditLogs/directoryAudits")).status).toBe(200);
    const refused = await get("/v1.0/auditLogs/directoryAudits");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-ms-retry-after-ms")).toBe("500");
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  test("$batch items are throttled on their own", async () => {
    await t.control("PUT", "/throttling", { limits: { reportsAppTenantRequests: 2 } });
    freeze();
    const audit = (id: string) => ({ id, method: "GET", url: "/auditLogs/directoryAudits?$top=1" });
    const res = await t.fetch(`${t.emu.graphUrl}/v1.0/$batch`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({
        requests: [
          audit("a1"),
          audit("a2"),
          audit("a3"),
          { id: "u", method: "GET", url: "/users?$select=id" },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as {
      responses: { id: string; status: number; headers?: Record<string, string> }[];
    };
    const audits = responses.filter((r) => r.id.startsWith("a"));
    expect(audits.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const throttled = audits.find((r) => r.status === 429);
    // Batch items carry Graph's canonical header case.
    expect(throttled?.headers?.["Retry-After"]).toBe("5");
    expect(responses.find((r) => r.id === "u")?.status).toBe(200);
  });

  test("switched off, the reports limit does not apply", async () => {
    await t.control("PUT", "/throttling", { enabled: false, limits: { reportsAppTenantRequests: 1 } });
    freeze();
    for (let i = 0; i < 8; i++) expect((await get("/v1.0/auditLogs/signIns")).status).toBe(200);
  });

  test("the control API accepts the new limits and refuses unknown ones", async () => {
    const ok = await t.control("PUT", "/throttling", {
      limits: {
        reportsAppTenantRequests: 7,
        reportsAppRequests: 50,
        identityTenantRequests: 9,
        identityAppTenantRequests: 8,
      },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { limits: Record<string, number> }).limits).toMatchObject({
      reportsAppTenantRequests: 7,
      identityAppTenantRequests: 8,
    });
    expect((await t.control("PUT", "/throttling", { limits: { reportsPerTenantRequests: 1 } })).status).toBe(
      400,
    );
  });
});
