import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ArmThrottler } from "../src/arm/arm-throttling.ts";
import type { WorkforceConnection } from "../src/seed/workforce-seed.ts";
import {
  API,
  ARM_DEFAULT,
  arm,
  createBody,
  demoAppArmToken,
  deviceCodeToken,
  directoryPath,
  workforceOf,
} from "./helpers/arm.ts";
import { startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";

let t: TestEmulator;
let w: WorkforceConnection;
let adminToken: string;
let devToken: string;
beforeAll(async () => {
  t = await startTestEmulator({
    routes: [],
    deviceCode: { intervalSeconds: 1 },
    arm: { provisioningSeconds: 1 },
  });
  w = workforceOf(t);
  adminToken = await deviceCodeToken(t, w.adminUser.userPrincipalName, ARM_DEFAULT);
  devToken = await deviceCodeToken(t, w.developerUser.userPrincipalName, ARM_DEFAULT);
}, 30_000);
afterAll(async () => {
  await t.emu.stop();
});

describe("the workforce tenant of the demo seed", () => {
  test("has a subscription, a resource group, an admin and a manager app with Owner on it, and a public client", () => {
    const tenant = t.emu.store.tenant(w.tenantId);
    expect(tenant?.info).toMatchObject({ kind: "workforce", subdomain: "fabrikamhq" });
    expect(w).toMatchObject({ domain: "fabrikamhq.onmicrosoft.com", resourceGroup: "ciam-tenants" });
    const managerSp = [...(tenant?.collection("servicePrincipals").values() ?? [])].find(
      (sp) => sp.appId === w.managementApp.clientId,
    );
    const assignments = [...(tenant?.collection("_armRoleAssignments").values() ?? [])];
    const owner = (principalId: unknown, principalType: string) =>
      expect.objectContaining({
        principalId,
        principalType,
        roleDefinitionName: "Owner",
        scope: `/subscriptions/${w.subscriptionId}/resourceGroups/ciam-tenants`,
      });
    expect(assignments).toEqual([
      owner(w.adminUser.objectId, "User"),
      owner(managerSp?.id, "ServicePrincipal"),
    ]);
  });

  test("a device code sign-in gives the admin a delegated ARM token", async () => {
    const res = await t.control("GET", "/workforce");
    expect(((await res.json()) as WorkforceConnection).subscriptionId).toBe(w.subscriptionId);
    const claims = JSON.parse(Buffer.from(adminToken.split(".")[1] ?? "", "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      aud: "https://management.azure.com/",
      tid: w.tenantId,
      oid: w.adminUser.objectId,
      scp: "user_impersonation",
    });
  });
});

describe("front door", () => {
  test("the provider's operations list answers any signed-in caller, with tenant read headers", async () => {
    const res = await arm(t, devToken, "GET", `/providers/Microsoft.AzureActiveDirectory/operations?${API}`);
    expect(res.status).toBe(200);
    expect((res.body.value as { name: string }[]).map((o) => o.name)).toContain(
      "Microsoft.AzureActiveDirectory/ciamDirectories/write",
    );
    expect(Number(res.headers.get("x-ms-ratelimit-remaining-tenant-reads"))).toBeGreaterThan(0);
    expect(res.headers.get("x-ms-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const [logged] = t.emu.control.monitor.requests(1);
    expect(logged).toMatchObject({
      service: "arm",
      status: 200,
      requestId: res.headers.get("x-ms-request-id"),
      appId: w.publicClientId,
      tenantId: w.tenantId,
    });
  });

  test.each([
    ["2024-05-01", 200],
    ["2023-05-17-preview", 200],
    ["2021-04-01", 400],
    ["latest", 400],
  ])("api-version %s → %i", async (version, status) => {
    const res = await arm(t, adminToken, "GET", `${directoryPath(w, "")}?api-version=${version}`);
    expect(res.status).toBe(status);
    if (status === 400) {
      expect(res.body.error).toMatchObject({ code: "InvalidApiVersionParameter" });
      expect(String((res.body.error as { message: string }).message)).toContain("2024-05-01");
    }
  });

  test("a caller without a role gets ARM's AuthorizationFailed, word for word", async () => {
    const path = directoryPath(w, "devshop");
    const res = await arm(t, devToken, "PUT", `${path}?${API}`, createBody("Dev shop"));
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: "AuthorizationFailed",
      message: `The client '${w.developerUser.userPrincipalName}' with object id '${w.developerUser.objectId}' does not have authorization to perform action 'Microsoft.AzureActiveDirectory/ciamDirectories/write' over scope '${path}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      details: [],
    });
    expect((await arm(t, devToken, "GET", `${directoryPath(w, "")}?${API}`)).status).toBe(403);
    const check = await arm(
      t,
      devToken,
      "POST",
      `/subscriptions/${w.subscriptionId}/providers/Microsoft.AzureActiveDirectory/checkNameAvailability?${API}`,
      { name: "x", countryCode: "US" },
    );
    expect(check.status).toBe(403);
    expect(t.emu.store.tenant("devshop")).toBeUndefined();
  });

  test("unknown subscription, unknown resource group, another tenant's token", async () => {
    const unknownSub = await arm(
      t,
      adminToken,
      "GET",
      `/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.AzureActiveDirectory/ciamDirectories?${API}`,
    );
    expect(unknownSub.status).toBe(404);
    expect(unknownSub.body.error).toMatchObject({ code: "SubscriptionNotFound" });

    // A subscription-wide role lets ARM tell a missing resource group from a forbidden one.
    const owner = t.emu.store.tenant(w.tenantId);
    owner?.collection("_armRoleAssignments").put("sub-reader", {
      id: "sub-reader",
      principalId: w.developerUser.objectId,
      principalType: "User",
      roleDefinitionName: "Reader",
      scope: `/subscriptions/${w.subscriptionId}`,
    });
    try {
      const rg = await arm(t, devToken, "GET", `${directoryPath(w, "", "nope")}?${API}`);
      expect(rg.status).toBe(404);
      expect(rg.body.error).toMatchObject({ code: "ResourceGroupNotFound" });
      const write = await arm(
        t,
        devToken,
        "PUT",
        `${directoryPath(w, "readershop")}?${API}`,
        createBody("R"),
      );
      expect(write.status).toBe(403);
    } finally {
      owner?.collection("_armRoleAssignments").delete("sub-reader");
    }

    const appToken = await demoAppArmToken(t);
    const wrongTenant = await arm(t, appToken, "GET", `${directoryPath(w, "")}?${API}`);
    expect(wrongTenant.status).toBe(401);
    expect(wrongTenant.body.error).toMatchObject({ code: "InvalidAuthenticationTokenTenant" });
  });

  test("an operation's status is readable by who started it, not by a caller without a role", async () => {
    const created = await arm(
      t,
      adminToken,
      "PUT",
      `${directoryPath(w, "opshop")}?${API}`,
      createBody("Op shop"),
    );
    expect(created.status).toBe(201);
    const statusUrl = created.headers.get("azure-asyncoperation") ?? "";
    expect((await arm(t, adminToken, "GET", statusUrl)).status).toBe(200);
    const other = await arm(t, devToken, "GET", statusUrl);
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: "OperationNotFound" });
    const missing = await arm(t, adminToken, "PATCH", `${directoryPath(w, "nosuchshop")}?${API}`, {
      tags: {},
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: "ResourceNotFound" });
  });

  test("an unknown provider path and a wrong method", async () => {
    const other = await arm(
      t,
      adminToken,
      "GET",
      `/subscriptions/${w.subscriptionId}/providers/Microsoft.Storage/storageAccounts?${API}`,
    );
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: "NoRegisteredProviderFound" });
    const post = await arm(t, adminToken, "POST", `${directoryPath(w, "shop")}?${API}`, {});
    expect(post.status).toBe(405);
  });
});

describe("ARM throttling", () => {
  test("every answer counts down the subscription and global buckets; an empty bucket answers 429", {
    timeout: 20_000,
  }, async () => {
    // A time scale of 1/1000 slows refills to 0.025 reads/s, so the counts below cannot drift.
    const small = await startTestEmulator({
      throttling: { timeScale: 0.001 },
      arm: { limits: { reads: 3 } },
      deviceCode: { intervalSeconds: 1 },
    });
    try {
      const sw = workforceOf(small);
      const token = await deviceCodeToken(small, sw.adminUser.userPrincipalName, ARM_DEFAULT);
      const path = `${directoryPath(sw, "")}?${API}`;
      const seen: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await arm(small, token, "GET", path);
        expect(res.status).toBe(200);
        seen.push(res.headers.get("x-ms-ratelimit-remaining-subscription-reads"));
        expect(res.headers.get("x-ms-ratelimit-remaining-subscription-global-reads")).toBe(
          String(45 - i - 1),
        );
      }
      expect(seen).toEqual(["2", "1", "0"]);
      const refused = await arm(small, token, "GET", path);
      expect(refused.status).toBe(429);
      expect(refused.body.error).toMatchObject({ code: "SubscriptionRequestsThrottled" });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      // Writes have their own bucket.
      const write = await arm(small, token, "PATCH", `${directoryPath(sw, "nothere")}?${API}`, {});
      expect(write.status).toBe(404);
      expect(write.headers.get("x-ms-ratelimit-remaining-subscription-writes")).toBe("199");
    } finally {
      await small.emu.stop();
    }
  });

  test("buckets refill at ARM's rate, faster under the time scale; switched off nothing is refused", () => {
    const throttler = new ArmThrottler({ reads: 2 });
    const req = {
      subscriptionId: "s",
      tenantId: "t",
      principalId: "p",
      type: "reads" as const,
      timeScale: 1,
    };
    expect(throttler.check({ ...req, nowMs: 0 }).allowed).toBe(true);
    expect(throttler.check({ ...req, nowMs: 0 }).allowed).toBe(true);
    const refused = throttler.check({ ...req, nowMs: 0 });
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    // 25 reads per second: one token is back after 40 ms.
    expect(throttler.check({ ...req, nowMs: 40 }).allowed).toBe(true);
    expect(throttler.check({ ...req, nowMs: 40 }, false).allowed).toBe(true);
    const scaled = new ArmThrottler({ writes: 1 });
    const w1 = { ...req, type: "writes" as const, timeScale: 100 };
    expect(scaled.check({ ...w1, nowMs: 0 }).allowed).toBe(true);
    expect(scaled.check({ ...w1, nowMs: 0 }).allowed).toBe(false);
    // 10 writes per second, 100 times faster: one token per millisecond.
    expect(scaled.check({ ...w1, nowMs: 1 }).allowed).toBe(true);
  });
});
