import { beforeEach, describe, expect, test } from "vitest";
import { resetWithToken, useTestEmulator } from "./helpers/emulator.ts";
import { appWith, call, type Reply } from "./helpers/graph-calls.ts";

const t = useTestEmulator({ throttling: false });
let token: string;
let appId: string;
beforeEach(async () => {
  token = await resetWithToken(t);
  appId = (await call(t, token, "POST", "/v1.0/applications", { displayName: "shop" })).body.appId;
});

const g = (method: string, path: string, body?: unknown, version = "v1.0"): Promise<Reply> =>
  call(t, token, method, `/${version}/identity/authenticationEventListeners${path}`, body);

async function extension(type: string): Promise<string> {
  const r = await call(t, token, "POST", "/v1.0/identity/customAuthenticationExtensions", {
    "@odata.type": `#microsoft.graph.${type}`,
    displayName: type,
    endpointConfiguration: {
      "@odata.type": "#microsoft.graph.httpRequestEndpoint",
      targetUrl: "https://hooks.example/x",
    },
    authenticationConfiguration: {
      "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
      resourceId: `api://hooks.example/${appId}`,
    },
  });
  return r.body.id as string;
}

const listener = (type: string, handler: string, extensionId: string, apps: string[] = [appId]) => ({
  "@odata.type": `#microsoft.graph.${type}`,
  conditions: { applications: { includeApplications: apps.map((a) => ({ appId: a })) } },
  handler: { "@odata.type": `#microsoft.graph.${handler}`, customExtension: { id: extensionId } },
});

describe("authentication event listeners", () => {
  test.each([
    [
      "onTokenIssuanceStartListener",
      "onTokenIssuanceStartCustomExtensionHandler",
      "onTokenIssuanceStartCustomExtension",
    ],
    [
      "onAttributeCollectionStartListener",
      "onAttributeCollectionStartCustomExtensionHandler",
      "onAttributeCollectionStartCustomExtension",
    ],
    [
      "onAttributeCollectionSubmitListener",
      "onAttributeCollectionSubmitCustomExtensionHandler",
      "onAttributeCollectionSubmitCustomExtension",
    ],
    ["onEmailOtpSendListener", "onOtpSendCustomExtensionHandler", "onOtpSendCustomExtension"],
    [
      "onVerifiedIdClaimValidationListener",
      "onVerifiedIdClaimValidationCustomExtensionHandler",
      "onVerifiedIdClaimValidationCustomExtension",
    ],
  ])("a %s binds its extension and apps; read, update, delete", async (type, handler, extensionType) => {
    const ext = await extension(extensionType);
    const created = await g("POST", "", listener(type, handler, ext));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      "@odata.type": `#microsoft.graph.${type}`,
      authenticationEventsFlowId: null,
      conditions: { applications: { includeApplications: [{ appId }] } },
      handler: { "@odata.type": `#microsoft.graph.${handler}`, customExtension: { id: ext } },
    });
    expect(created.body).not.toHaveProperty("priority");
    const id = created.body.id as string;
    expect((await g("GET", `/${id}`)).body.handler.customExtension.id).toBe(ext);
    expect((await g("GET", `/${id}`, undefined, "beta")).body.priority).toBe(500);
    expect(
      (await g("PATCH", `/${id}`, { "@odata.type": `#microsoft.graph.${type}`, displayName: "renamed" }))
        .status,
    ).toBe(204);
    expect((await g("GET", `/${id}`)).body.displayName).toBe("renamed");
    expect((await g("DELETE", `/${id}`)).status).toBe(204);
    expect((await g("GET", `/${id}`)).status).toBe(404);
  });

  test("conditions take includeAllApplications: false beside the apps, as the listener pages send it; true is refused", async () => {
    const ext = await extension("onTokenIssuanceStartCustomExtension");
    const body = listener("onTokenIssuanceStartListener", "onTokenIssuanceStartCustomExtensionHandler", ext);
    const apps = { includeAllApplications: false, includeApplications: [{ appId }] };
    const created = await g("POST", "", { ...body, conditions: { applications: apps } });
    expect(created.status).toBe(201);
    expect(created.body.conditions).toEqual({ applications: { includeApplications: [{ appId }] } });
    const all = { applications: { ...apps, includeAllApplications: true } };
    expect((await g("POST", "", { ...body, conditions: all })).status).toBe(400);
  });

  test("customExtension@odata.bind is tolerated; $ref reads and rebinds the extension", async () => {
    const first = await extension("onTokenIssuanceStartCustomExtension");
    const second = await extension("onTokenIssuanceStartCustomExtension");
    const body = listener(
      "onTokenIssuanceStartListener",
      "onTokenIssuanceStartCustomExtensionHandler",
      first,
    );
    body.handler = {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtensionHandler",
      "customExtension@odata.bind": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${first}`,
    } as never;
    const created = await g("POST", "", body);
    expect(created.status).toBe(201);
    const ref = `/${created.body.id}/microsoft.graph.onTokenIssuanceStartListener/handler/microsoft.graph.onTokenIssuanceStartCustomExtensionHandler/customExtension/$ref`;
    expect((await g("GET", ref)).body["@odata.id"]).toMatch(
      new RegExp(`customAuthenticationExtensions/${first}$`),
    );
    expect(
      (
        await g("PUT", ref, {
          "@odata.id": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${second}`,
        })
      ).status,
    ).toBe(204);
    expect((await g("GET", `/${created.body.id}`)).body.handler.customExtension.id).toBe(second);
  });

  test("a handler's configuration keeps its overrides and the concrete behaviorOnError type", async () => {
    const ext = await extension("onTokenIssuanceStartCustomExtension");
    const body = listener("onTokenIssuanceStartListener", "onTokenIssuanceStartCustomExtensionHandler", ext);
    const configuration = {
      clientConfiguration: { timeoutInMilliseconds: 1000, maximumRetries: 0 },
      behaviorOnError: { "@odata.type": "#microsoft.graph.fallbackToMicrosoftProviderOnError" },
    };
    const r = await g("POST", "", { ...body, handler: { ...body.handler, configuration } });
    expect(r.status).toBe(201);
    expect(r.body.handler.configuration).toEqual(configuration);
    const wrong = { ...configuration, behaviorOnError: { "@odata.type": "#microsoft.graph.somethingElse" } };
    expect(
      (await g("POST", "", { ...body, handler: { ...body.handler, configuration: wrong } })).status,
    ).toBe(400);
  });

  test("a fraud protection listener takes a provider, not an extension", async () => {
    const r = await g("POST", "", {
      "@odata.type": "#microsoft.graph.onFraudProtectionLoadStartListener",
      conditions: { applications: { includeApplications: [{ appId }] } },
      handler: {
        "@odata.type": "#microsoft.graph.onFraudProtectionLoadStartExternalUsersAuthHandler",
        signUp: {
          "@odata.type": "#microsoft.graph.fraudProtectionProviderConfiguration",
          fraudProtectionProvider: {
            "@odata.type": "#microsoft.graph.arkoseFraudProtectionProvider",
            id: "arkose-1",
          },
        },
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.handler.signUp.fraudProtectionProvider.id).toBe("arkose-1");
  });

  test("an onPasswordSubmitListener binds a password submit extension and the migration property (v1.0 and beta)", async () => {
    const ext = await extension("onPasswordSubmitCustomExtension");
    const migrationPropertyId = `extension_${appId.replaceAll("-", "")}_RequiresMigration`;
    const handler = {
      "@odata.type": "#microsoft.graph.onPasswordMigrationCustomExtensionHandler",
      migrationPropertyId,
      customExtension: { id: ext },
    };
    const body = { ...listener("onPasswordSubmitListener", "x", ext), handler };
    const created = await g("POST", "", body, "beta");
    expect(created.status).toBe(201);
    expect(created.body.handler).toMatchObject(handler);
    const id = created.body.id as string;
    expect((await g("GET", `/${id}`)).body.handler.migrationPropertyId).toBe(migrationPropertyId);
    const renamed = { ...handler, migrationPropertyId: migrationPropertyId.replace("Requires", "Needs") };
    expect(
      (
        await g("PATCH", `/${id}`, {
          "@odata.type": "#microsoft.graph.onPasswordSubmitListener",
          handler: renamed,
        })
      ).status,
    ).toBe(204);
    expect((await g("GET", `/${id}`, undefined, "beta")).body.handler.migrationPropertyId).toContain(
      "_NeedsMigration",
    );
    for (const [bad, message] of [
      [{ ...handler, migrationPropertyId: undefined }, "migrationPropertyId"],
      [{ ...handler, migrationPropertyId: "RequiresMigration" }, "migrationPropertyId"],
      [
        { ...handler, customExtension: { id: await extension("onTokenIssuanceStartCustomExtension") } },
        "needs a",
      ],
      [
        { ...handler, "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtensionHandler" },
        "takes a handler",
      ],
    ] as const) {
      const r = await g("POST", "", JSON.parse(JSON.stringify({ ...body, handler: bad })), "beta");
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain(message);
    }
    expect((await g("GET", "")).body.value).toHaveLength(1);
  });

  test.each([
    [
      "no @odata.type",
      async () => ({
        ...listener(
          "x",
          "onTokenIssuanceStartCustomExtensionHandler",
          await extension("onTokenIssuanceStartCustomExtension"),
        ),
        "@odata.type": undefined,
      }),
      400,
      "@odata.type",
    ],
    [
      "a flow-managed listener",
      async () => ({ "@odata.type": "#microsoft.graph.onAttributeCollectionListener", handler: {} }),
      400,
      "user flow",
    ],
    [
      "a handler of another listener type",
      async () =>
        listener(
          "onTokenIssuanceStartListener",
          "onOtpSendCustomExtensionHandler",
          await extension("onOtpSendCustomExtension"),
        ),
      400,
      "takes a handler",
    ],
    [
      "an extension of another type",
      async () =>
        listener(
          "onTokenIssuanceStartListener",
          "onTokenIssuanceStartCustomExtensionHandler",
          await extension("onOtpSendCustomExtension"),
        ),
      400,
      "needs a #microsoft.graph.onTokenIssuanceStartCustomExtension",
    ],
    [
      "a missing extension",
      async () =>
        listener(
          "onTokenIssuanceStartListener",
          "onTokenIssuanceStartCustomExtensionHandler",
          "6fc5012e-7665-43d6-9708-4370863f4e6e",
        ),
      404,
      "does not exist",
    ],
    [
      "an app that is not registered",
      async () =>
        listener(
          "onTokenIssuanceStartListener",
          "onTokenIssuanceStartCustomExtensionHandler",
          await extension("onTokenIssuanceStartCustomExtension"),
          ["11111111-2222-4333-8444-555555555555"],
        ),
      400,
      "No application",
    ],
    [
      "no handler",
      async () => ({ "@odata.type": "#microsoft.graph.onTokenIssuanceStartListener" }),
      400,
      "handler",
    ],
  ])("refuses %s and creates nothing", async (_name, make, status, message) => {
    const r = await g("POST", "", JSON.parse(JSON.stringify(await make())));
    expect(r.status).toBe(status);
    expect(r.body.error.message).toContain(message);
    expect((await g("GET", "")).body.value).toEqual([]);
  });

  test("$filter on the apps in the conditions and on the name", async () => {
    const other = (await call(t, token, "POST", "/v1.0/applications", { displayName: "other" })).body
      .appId as string;
    const ext = await extension("onTokenIssuanceStartCustomExtension");
    const a = (
      await g("POST", "", {
        ...listener("onTokenIssuanceStartListener", "onTokenIssuanceStartCustomExtensionHandler", ext),
        displayName: "shop claims",
      })
    ).body.id;
    await g(
      "POST",
      "",
      listener("onTokenIssuanceStartListener", "onTokenIssuanceStartCustomExtensionHandler", ext, [other]),
    );
    const byApp = await g(
      "GET",
      `?$filter=${encodeURIComponent(`conditions/applications/includeApplications/any(x:x/appId eq '${appId}')`)}`,
    );
    expect(byApp.status).toBe(200);
    expect(byApp.body.value.map((l: { id: string }) => l.id)).toEqual([a]);
    const byName = await g("GET", `?$filter=${encodeURIComponent("startswith(displayName,'shop')")}`);
    expect(byName.body.value.map((l: { id: string }) => l.id)).toEqual([a]);
    expect((await g("GET", `?$filter=${encodeURIComponent("priority eq 1")}`)).status).toBe(400);
  });

  test("the tenant holds at most 250 listeners", async () => {
    const body = listener(
      "onTokenIssuanceStartListener",
      "onTokenIssuanceStartCustomExtensionHandler",
      await extension("onTokenIssuanceStartCustomExtension"),
    );
    for (let i = 0; i < 250; i++) expect((await g("POST", "", body)).status).toBe(201);
    const r = await g("POST", "", body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("maximum of 250");
  });

  test("EventListener.Read.All reads but cannot create", async () => {
    const reader = await appWith(t, token, ["EventListener.Read.All"]);
    const path = "/v1.0/identity/authenticationEventListeners";
    expect((await call(t, reader.token, "GET", path)).status).toBe(200);
    const ext = await extension("onTokenIssuanceStartCustomExtension");
    expect(
      (
        await call(
          t,
          reader.token,
          "POST",
          path,
          listener("onTokenIssuanceStartListener", "onTokenIssuanceStartCustomExtensionHandler", ext),
        )
      ).status,
    ).toBe(403);
  });
});
