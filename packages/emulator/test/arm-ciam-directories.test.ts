import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GraphRoute } from "../src/graph/route.ts";
import { graphRoutes } from "../src/graph/routes/index.ts";
import type { WorkforceConnection } from "../src/seed/workforce-seed.ts";
import {
  API,
  ARM_DEFAULT,
  arm,
  createBody,
  deviceCodeToken,
  directoryPath,
  waitRetryAfter,
  workforceOf,
} from "./helpers/arm.ts";
import { claimsOf, startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";

/** Reads the caller's organization: enough to prove a delegated Graph token works in a new tenant. */
const organizationRoute: GraphRoute = {
  method: "GET",
  path: "/organization",
  permissions: ["Organization.Read.All"],
  handle: (req) => ({ status: 200, body: { value: [...req.tenant.collection("organization").values()] } }),
};

let t: TestEmulator;
let w: WorkforceConnection;
let token: string;
beforeAll(async () => {
  t = await startTestEmulator({
    routes: [...graphRoutes, organizationRoute],
    deviceCode: { intervalSeconds: 1 },
    arm: { provisioningSeconds: 1.5 },
  });
  w = workforceOf(t);
  token = await deviceCodeToken(t, w.adminUser.userPrincipalName, ARM_DEFAULT);
}, 30_000);
afterAll(async () => {
  await t.emu.stop();
});

const checkPath = () =>
  `/subscriptions/${w.subscriptionId}/providers/Microsoft.AzureActiveDirectory/checkNameAvailability?${API}`;

/** Polls an operation status URL until it is terminal; returns the statuses seen. */
async function pollStatus(url: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await arm(t, token, "GET", url);
    expect(res.status).toBe(200);
    seen.push(String(res.body.status));
    if (res.body.status !== "InProgress") return seen;
    await waitRetryAfter(res.headers);
  }
  throw new Error("operation never ended");
}

describe("checkNameAvailability", () => {
  test.each([
    ["newshop", true, null],
    ["contoso", false, "AlreadyExists"],
    ["Contoso.onmicrosoft.com", false, "AlreadyExists"],
    ["fabrikamhq", false, "AlreadyExists"],
    ["bad-name", false, "Invalid"],
    ["a".repeat(27), false, "Invalid"],
  ])("%s → available %s (%s)", async (name, available, reason) => {
    const res = await arm(t, token, "POST", checkPath(), { name, countryCode: "US" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nameAvailable: available, reason });
  });

  test("a body without countryCode is refused", async () => {
    const res = await arm(t, token, "POST", checkPath(), { name: "x" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "InvalidRequestContent" });
  });
});

describe("create validation changes nothing", () => {
  test.each([
    ["a name with a dash", "bad-name", createBody("X"), "InvalidResourceName"],
    ["a name of 27 characters", "a".repeat(27), createBody("X"), "InvalidResourceName"],
    [
      "an Azure region as location",
      "shopa",
      createBody("X", "westeurope"),
      "LocationNotAvailableForResourceType",
    ],
    ["a country of another geo", "shopb", createBody("X", "Australia", "FR"), "InvalidCountryCode"],
    [
      "an unknown SKU",
      "shopc",
      { ...createBody("X"), sku: { name: "Free", tier: "A0" } },
      "InvalidRequestContent",
    ],
    ["no createTenantProperties", "shopd", { location: "Europe", properties: {} }, "InvalidRequestContent"],
    ["a name in use by a tenant", "contoso", createBody("X"), "Conflict"],
  ])("%s → %s", async (_why, name, body, code) => {
    const res = await arm(t, token, "PUT", `${directoryPath(w, name)}?${API}`, body);
    expect(res.status).toBe(code === "Conflict" ? 409 : 400);
    expect(res.body.error).toMatchObject({ code });
    const list = await arm(t, token, "GET", `${directoryPath(w, "")}?${API}`);
    expect(list.body.value).toEqual([]);
  });
});

describe("lifecycle of an external tenant", () => {
  let tenantId = "";

  test("PUT answers 201 Provisioning with Azure-AsyncOperation and Retry-After; the operation ends Succeeded", {
    timeout: 20_000,
  }, async () => {
    const res = await arm(
      t,
      token,
      "PUT",
      `${directoryPath(w, "WoodgroveShop")}?${API}`,
      createBody("Woodgrove Shop"),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "WoodgroveShop",
      type: "Microsoft.AzureActiveDirectory/ciamDirectories",
      location: "Europe",
      sku: { name: "Standard", tier: "A0" },
      tags: { env: "test" },
      systemData: { createdBy: w.adminUser.userPrincipalName, createdByType: "User" },
      properties: {
        provisioningState: "Provisioning",
        createTenantProperties: { displayName: "Woodgrove Shop", countryCode: "FR" },
      },
    });
    expect(res.body.properties).not.toHaveProperty("domainName");
    tenantId = String((res.body.properties as { tenantId: string }).tenantId);
    const statusUrl = res.headers.get("azure-asyncoperation") ?? "";
    expect(statusUrl).toMatch(/\/operationStatuses\/[0-9a-f-]{36}\?api-version=2024-05-01$/);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get("x-ms-ratelimit-remaining-subscription-writes")).not.toBeNull();
    expect(t.emu.store.tenant(tenantId)).toBeUndefined();

    const again = await arm(
      t,
      token,
      "PUT",
      `${directoryPath(w, "WoodgroveShop")}?${API}`,
      createBody("Woodgrove Shop"),
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "AnotherOperationInProgress" });

    const seen = await pollStatus(statusUrl);
    expect(seen[0]).toBe("InProgress");
    expect(seen.at(-1)).toBe("Succeeded");
    const get = await arm(t, token, "GET", `${directoryPath(w, "WoodgroveShop")}?${API}`);
    expect(get.body.properties).toMatchObject({
      provisioningState: "Succeeded",
      domainName: "woodgroveshop.onmicrosoft.com",
      tenantId,
      billingConfig: { billingType: "MAU" },
    });
  });

  test("the new tenant is an external directory whose creator signs in by device code and calls Graph", {
    timeout: 20_000,
  }, async () => {
    const tenant = t.emu.store.tenant(tenantId);
    expect(tenant?.info).toMatchObject({ kind: "external", defaultDomain: "woodgroveshop.onmicrosoft.com" });
    const adminUpn = "admin_fabrikamhq.onmicrosoft.com#EXT#@woodgroveshop.onmicrosoft.com";
    const graph = await deviceCodeToken(
      t,
      adminUpn,
      "https://graph.microsoft.com/.default",
      `${t.emu.loginUrl}/woodgroveshop`,
    );
    expect(claimsOf(graph)).toMatchObject({ tid: tenantId, upn: adminUpn, appid: w.publicClientId });
    expect(String(claimsOf(graph).scp).split(" ")).toContain("Application.ReadWrite.All");
    const res = await t.fetch(`${t.emu.graphUrl}/v1.0/organization`, {
      headers: { authorization: `Bearer ${graph}` },
    });
    expect(res.status).toBe(200);
    const org = ((await res.json()) as { value: Record<string, unknown>[] }).value[0];
    expect(org).toMatchObject({
      id: tenantId,
      displayName: "Woodgrove Shop",
      tenantType: "CIAM",
      countryLetterCode: "FR",
    });
  });

  test("the first admin signs in on the new tenant's device login page with the home password", async () => {
    const start = await t.fetch(`${t.emu.loginUrl}/woodgroveshop.onmicrosoft.com/oauth2/v2.0/devicecode`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: w.publicClientId,
        scope: "https://graph.microsoft.com/.default",
      }),
    });
    expect(start.status).toBe(200);
    const { user_code, verification_uri } = (await start.json()) as {
      user_code: string;
      verification_uri: string;
    };
    const signIn = (password: string) =>
      t.fetch(verification_uri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          code: user_code,
          username: "admin_fabrikamhq.onmicrosoft.com#EXT#@woodgroveshop.onmicrosoft.com",
          password,
        }),
      });
    expect((await signIn("wrong")).status).toBe(400);
    const ok = await signIn(w.adminUser.password);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("signed in");
  });

  test("PATCH changes tags and SKU only; a bad SKU is refused", async () => {
    const path = `${directoryPath(w, "woodgroveshop")}?${API}`;
    const res = await arm(t, token, "PATCH", path, {
      tags: { env: "prod" },
      sku: { name: "PremiumP1", tier: "A0" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tags: { env: "prod" }, sku: { name: "PremiumP1" }, location: "Europe" });
    const bad = await arm(t, token, "PATCH", path, { sku: { name: "PremiumP1", tier: "B1" } });
    expect(bad.status).toBe(400);
    expect((await arm(t, token, "GET", path)).body.sku).toEqual({ name: "PremiumP1", tier: "A0" });
  });

  test("lists: by resource group in pages with nextLink, by subscription in one page", async () => {
    for (const name of ["shopone", "shoptwo"]) {
      expect(
        (
          await arm(
            t,
            token,
            "PUT",
            `${directoryPath(w, name)}?${API}`,
            createBody(name, "United States", "US"),
          )
        ).status,
      ).toBe(201);
    }
    const first = await arm(t, token, "GET", `${directoryPath(w, "")}?${API}&$top=2`);
    expect((first.body.value as unknown[]).length).toBe(2);
    const next = String(first.body.nextLink);
    expect(next.startsWith(t.emu.armUrl)).toBe(true);
    const second = await arm(t, token, "GET", next);
    expect((second.body.value as { name: string }[]).map((r) => r.name)).toEqual(["shoptwo"]);
    expect(second.body.nextLink).toBeNull();
    const bySub = await arm(
      t,
      token,
      "GET",
      `/subscriptions/${w.subscriptionId}/providers/Microsoft.AzureActiveDirectory/ciamDirectories?${API}`,
    );
    expect((bySub.body.value as unknown[]).length).toBe(3);
    expect(bySub.body.nextLink).toBeNull();
  });

  test("DELETE is refused while the tenant holds its own users, then runs 202 → 204 and removes the tenant", {
    timeout: 20_000,
  }, async () => {
    const path = `${directoryPath(w, "woodgroveshop")}?${API}`;
    const users = t.emu.store.tenant(tenantId)?.collection("users");
    users?.put("extra", { id: "extra", userPrincipalName: "ada@woodgroveshop.onmicrosoft.com" });
    const refused = await arm(t, token, "DELETE", path);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "TenantNotEmpty" });
    users?.delete("extra");

    const res = await arm(t, token, "DELETE", path);
    expect(res.status).toBe(202);
    expect(res.headers.get("azure-asyncoperation")).toContain("/operationStatuses/");
    const location = res.headers.get("location") ?? "";
    expect(location).toContain("/operationResults/");
    expect((await arm(t, token, "GET", path)).body.properties).toMatchObject({
      provisioningState: "Deleting",
    });
    let result = await arm(t, token, "GET", location);
    while (result.status === 202) {
      await waitRetryAfter(result.headers);
      result = await arm(t, token, "GET", location);
    }
    expect(result.status).toBe(204);
    const gone = await arm(t, token, "GET", path);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: "ResourceNotFound" });
    expect(t.emu.store.tenant(tenantId)).toBeUndefined();
    expect((await arm(t, token, "DELETE", path)).status).toBe(204);
    const check = await arm(t, token, "POST", checkPath(), { name: "woodgroveshop", countryCode: "FR" });
    expect(check.body.nameAvailable).toBe(true);
  });
});
