import { beforeEach, describe, expect, test } from "vitest";
import { resetWithToken, useTestEmulator } from "./helpers/emulator.ts";
import { appWith, call, extensionApi, type Reply } from "./helpers/graph-calls.ts";

const t = useTestEmulator({ throttling: false });
let token: string;
beforeEach(async () => {
  token = await resetWithToken(t);
});

const g = (method: string, path: string, body?: unknown): Promise<Reply> =>
  call(t, token, method, `/v1.0/identity/customAuthenticationExtensions${path}`, body);

/** An API registered in the tenant (app + service principal) that an extension can call. */
const api = (host: string, receivePayload: boolean) => extensionApi(t, token, `api ${host}`, receivePayload);

const extension = (type: string, appId: string, extra: Record<string, unknown> = {}) => ({
  "@odata.type": `#microsoft.graph.${type}`,
  displayName: `${type} hook`,
  endpointConfiguration: {
    "@odata.type": "#microsoft.graph.httpRequestEndpoint",
    targetUrl: "https://claims.fabrikam.example/api/hook",
  },
  authenticationConfiguration: {
    "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
    resourceId: `api://claims.fabrikam.example/${appId}`,
  },
  clientConfiguration: { timeoutInMilliseconds: 2000, maximumRetries: 1 },
  ...extra,
});

describe("custom authentication extensions", () => {
  test.each([
    [
      "onTokenIssuanceStartCustomExtension",
      { claimsForTokenConfiguration: [{ claimIdInApiResponse: "loyaltyTier" }] },
    ],
    ["onAttributeCollectionStartCustomExtension", {}],
    ["onAttributeCollectionSubmitCustomExtension", {}],
    [
      "onOtpSendCustomExtension",
      { behaviorOnError: { "@odata.type": "#microsoft.graph.fallbackToMicrosoftProviderOnError" } },
    ],
    // The documented create request sends behaviorOnError with its (abstract) base type.
    [
      "onAttributeCollectionSubmitCustomExtension",
      { behaviorOnError: { "@odata.type": "#microsoft.graph.customExtensionBehaviorOnError" } },
    ],
    ["onVerifiedIdClaimValidationCustomExtension", {}],
    ["onPasswordSubmitCustomExtension", {}],
  ])("creates, reads, updates and deletes a %s", async (type, extra) => {
    const appId = await api("claims.fabrikam.example", true);
    const created = await g("POST", "", extension(type, appId, extra));
    expect(created.status).toBe(201);
    expect(created.body["@odata.type"]).toBe(`#microsoft.graph.${type}`);
    expect(created.body.endpointConfiguration).toEqual({
      "@odata.type": "#microsoft.graph.httpRequestEndpoint",
      targetUrl: "https://claims.fabrikam.example/api/hook",
    });
    const id = created.body.id as string;
    expect((await g("GET", `/${id}`)).body).toMatchObject({ id, displayName: `${type} hook`, ...extra });
    expect(
      (await g("PATCH", `/${id}`, { "@odata.type": `#microsoft.graph.${type}`, displayName: "renamed" }))
        .status,
    ).toBe(204);
    const list = await g("GET", "");
    expect(list.body.value).toEqual([
      expect.objectContaining({ id, displayName: "renamed", "@odata.type": `#microsoft.graph.${type}` }),
    ]);
    expect((await g("DELETE", `/${id}`)).status).toBe(204);
    expect((await g("GET", `/${id}`)).status).toBe(404);
  });

  test.each([
    ["no @odata.type", { "@odata.type": undefined }, "@odata.type"],
    ["an abstract type", { "@odata.type": "#microsoft.graph.customAuthenticationExtension" }, "@odata.type"],
    [
      "no authenticationConfiguration",
      { authenticationConfiguration: undefined },
      "authenticationConfiguration",
    ],
    [
      "an endpoint without its type",
      { endpointConfiguration: { targetUrl: "https://x.example" } },
      "httpRequestEndpoint",
    ],
    [
      "an http target",
      {
        endpointConfiguration: {
          "@odata.type": "#microsoft.graph.httpRequestEndpoint",
          targetUrl: "http://x.example/a",
        },
      },
      "https",
    ],
    ["a 5 s timeout", { clientConfiguration: { timeoutInMilliseconds: 5000 } }, "200 to 2000"],
    ["two retries", { clientConfiguration: { maximumRetries: 2 } }, "0 or 1"],
    [
      "claims on a non-token type",
      { "@odata.type": "#microsoft.graph.onOtpSendCustomExtension", claimsForTokenConfiguration: [] },
      "claimsForTokenConfiguration",
    ],
  ])("refuses %s (400) and creates nothing", async (_name, patch, message) => {
    const body = {
      ...extension("onTokenIssuanceStartCustomExtension", "9b1e0c4e-0000-4000-8000-000000000001"),
      ...patch,
    };
    const r = await g("POST", "", JSON.parse(JSON.stringify(body)));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(message);
    expect((await g("GET", "")).body.value).toEqual([]);
  });

  test("PATCH cannot change the type; unknown ids are 404", async () => {
    const created = await g(
      "POST",
      "",
      extension("onOtpSendCustomExtension", "9b1e0c4e-0000-4000-8000-000000000001"),
    );
    const r = await g("PATCH", `/${created.body.id}`, {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtension",
    });
    expect(r.status).toBe(400);
    expect((await g("GET", "/6fc5012e-7665-43d6-9708-4370863f4e6e")).status).toBe(404);
    expect((await g("DELETE", "/6fc5012e-7665-43d6-9708-4370863f4e6e")).status).toBe(404);
  });

  test("the tenant holds at most 100 extensions", async () => {
    const body = extension(
      "onAttributeCollectionStartCustomExtension",
      "9b1e0c4e-0000-4000-8000-000000000001",
    );
    for (let i = 0; i < 100; i++) expect((await g("POST", "", body)).status).toBe(201);
    const r = await g("POST", "", body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("maximum of 100");
  });

  test("reads need CustomAuthenticationExtension.Read.All, writes ReadWrite.All", async () => {
    const reader = await appWith(t, token, ["CustomAuthenticationExtension.Read.All"]);
    const path = "/v1.0/identity/customAuthenticationExtensions";
    expect((await call(t, reader.token, "GET", path)).status).toBe(200);
    const denied = await call(
      t,
      reader.token,
      "POST",
      path,
      extension("onOtpSendCustomExtension", reader.appId),
    );
    expect(denied.status).toBe(403);
    expect((await g("GET", "")).body.value).toEqual([]);
  });
});

describe("validateAuthenticationConfiguration", () => {
  const codes = (r: Reply) => ({
    errors: r.body.errors.map((e: { code: string }) => e.code),
    warnings: r.body.warnings.map((e: { code: string }) => e.code),
  });

  test("a consistent configuration whose API holds Receive.Payload passes", async () => {
    const appId = await api("claims.fabrikam.example", true);
    const created = await g("POST", "", extension("onTokenIssuanceStartCustomExtension", appId));
    const r = await g("POST", `/${created.body.id}/validateAuthenticationConfiguration`);
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toMatch(/authenticationConfigurationValidation$/);
    expect(codes(r)).toEqual({ errors: [], warnings: [] });
  });

  test.each([
    [
      "a resourceId without an app id",
      "api://claims.fabrikam.example",
      "https://claims.fabrikam.example/x",
      "granted",
      ["IncorrectResourceIdFormat", "DomainNameDoesNotMatch", "ServicePrincipalNotFound"],
      ["PermissionNotGrantedToServicePrincipal"],
    ],
    [
      "another host in the resourceId",
      "api://other.example/{appId}",
      "https://claims.fabrikam.example/x",
      "granted",
      ["DomainNameDoesNotMatch"],
      [],
    ],
    [
      "an app without a service principal",
      "api://claims.fabrikam.example/0f0f0f0f-0000-4000-8000-000000000000",
      "https://claims.fabrikam.example/x",
      "granted",
      ["ServicePrincipalNotFound"],
      ["PermissionNotGrantedToServicePrincipal"],
    ],
    [
      "an API without Receive.Payload",
      "api://claims.fabrikam.example/{appId}",
      "https://claims.fabrikam.example/x",
      "not granted",
      [],
      ["PermissionNotGrantedToServicePrincipal"],
    ],
  ])(
    "a draft with %s reports the documented codes",
    async (_name, resourceId, targetUrl, grant, errors, warnings) => {
      const appId = await api("claims.fabrikam.example", grant === "granted");
      const body = {
        endpointConfiguration: { "@odata.type": "#microsoft.graph.httpRequestEndpoint", targetUrl },
        authenticationConfiguration: {
          "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
          resourceId: resourceId.replace("{appId}", appId),
        },
      };
      for (const path of [
        "/v1.0/identity/customAuthenticationExtensions",
        "/v1.0/customAuthenticationExtensions",
      ]) {
        const r = await call(t, token, "POST", `${path}/validateAuthenticationConfiguration`, body);
        expect(r.status).toBe(200);
        expect(codes(r)).toEqual({ errors, warnings });
      }
    },
  );

  test("a draft without its configuration is 400; validating an unknown extension is 404", async () => {
    expect((await g("POST", "/validateAuthenticationConfiguration", {})).status).toBe(400);
    expect(
      (await g("POST", "/6fc5012e-7665-43d6-9708-4370863f4e6e/validateAuthenticationConfiguration")).status,
    ).toBe(404);
  });
});
