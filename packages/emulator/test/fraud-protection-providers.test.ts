import { beforeEach, describe, expect, test } from "vitest";
import { deviceCodeToken } from "./helpers/arm.ts";
import { resetWithToken, useTestEmulator } from "./helpers/emulator.ts";
import { call, type Reply } from "./helpers/graph-calls.ts";

const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";

const t = useTestEmulator({ throttling: false });
let appToken: string;
let user: string;
beforeEach(async () => {
  appToken = await resetWithToken(t);
  // The CLI's device code sign-in: fraud protection providers take delegated permissions only.
  const admin = t.tenant.adminUser?.userPrincipalName ?? "";
  user = await deviceCodeToken(t, admin, GRAPH_DEFAULT, t.tenant.authority, t.tenant.publicClientId);
});

const g = (method: string, path: string, body?: unknown, as = user, version = "v1.0"): Promise<Reply> =>
  call(t, as, method, `/${version}/identity/riskPrevention/fraudProtectionProviders${path}`, body);

const arkose = {
  "@odata.type": "#microsoft.graph.arkoseFraudProtectionProvider",
  displayName: "Arkose Sign-Up Protection",
  publicKey: "00001111-aaaa-2222-bbbb-3333cccc4444",
  privateKey: "11112222-bbbb-3333-cccc-4444dddd5555",
  clientSubDomain: "client-api",
  verifySubDomain: "verify-api",
};

describe("fraud protection providers", () => {
  test("create an Arkose provider (its private key never served), list, PATCH, delete, on v1.0 and beta", async () => {
    const created = await g("POST", "", arkose);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      "@odata.type": arkose["@odata.type"],
      displayName: arkose.displayName,
    });
    expect(JSON.stringify(created.body)).not.toContain(arkose.privateKey);
    const id = created.body.id as string;
    const got = await g("GET", `/${id}`, undefined, user, "beta");
    expect(got.body).toMatchObject({ publicKey: arkose.publicKey, clientSubDomain: "client-api" });
    expect(got.body).not.toHaveProperty("privateKey");
    expect((await g("GET", "")).body.value.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await g("PATCH", `/${id}`, { displayName: "Arkose" })).status).toBe(204);
    expect((await g("GET", `/${id}`)).body.displayName).toBe("Arkose");
    expect((await g("DELETE", `/${id}`)).status).toBe(204);
    expect((await g("GET", `/${id}`)).status).toBe(404);
  });

  test("a HUMAN Security provider serves its server token, as the reference's example does", async () => {
    const human = {
      "@odata.type": "#microsoft.graph.humanSecurityFraudProtectionProvider",
      displayName: "HUMAN",
      appId: "PXabcasdfg",
      serverToken: "XabcSadfgb",
    };
    const id = (await g("POST", "", human)).body.id as string;
    expect((await g("GET", `/${id}`)).body).toMatchObject({ appId: "PXabcasdfg", serverToken: "XabcSadfgb" });
  });

  test.each([
    ["no @odata.type", { ...arkose, "@odata.type": undefined }],
    ["the abstract type", { ...arkose, "@odata.type": "#microsoft.graph.fraudProtectionProvider" }],
    ["a missing key", { ...arkose, privateKey: undefined }],
    ["an unknown property", { ...arkose, colour: "red" }],
  ])("refuses a provider with %s and creates nothing", async (_name, body) => {
    expect((await g("POST", "", JSON.parse(JSON.stringify(body)))).status).toBe(400);
    expect((await g("GET", "")).body.value).toEqual([]);
  });

  test("an application token is refused: Graph offers no application permission here", async () => {
    expect((await g("GET", "", undefined, appToken)).status).toBe(403);
    expect((await g("POST", "", arkose, appToken)).status).toBe(403);
  });
});
