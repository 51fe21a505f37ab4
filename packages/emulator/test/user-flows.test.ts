import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./helpers/emulator.ts";
import { type GraphCaller, graphCaller, limitedToken } from "./helpers/graph-https.ts";

let t: TestEmulator;
let g: GraphCaller;
let reader: GraphCaller;
beforeAll(async () => {
  t = await startTestEmulator({ throttling: false });
  const token = await t.graphToken();
  g = graphCaller(t, () => token);
  const readToken = await limitedToken(t, "flow reader", ["EventListener.Read.All"]);
  reader = graphCaller(t, () => readToken);
  await g.post("/v1.0/identity/identityProviders", {
    "@odata.type": "#microsoft.graph.socialIdentityProvider",
    displayName: "Google",
    identityProviderType: "Google",
    clientId: "google-client",
    clientSecret: "google-secret",
  });
});
afterAll(() => t.emu.stop());

const FLOWS = "/v1.0/identity/authenticationEventsFlows";
const CAST = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";
const idps = (id: string) =>
  `${FLOWS}/${id}/${CAST}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders`;
const attributes = (id: string) =>
  `${FLOWS}/${id}/${CAST}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes`;

function flowBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
    displayName: name,
    onInteractiveAuthFlowStart: {
      "@odata.type": "#microsoft.graph.onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp",
      isSignUpAllowed: true,
    },
    onAuthenticationMethodLoadStart: {
      "@odata.type": "#microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
      identityProviders: [{ id: "EmailPassword-OAUTH" }],
    },
    ...extra,
  };
}

const withAttributes = {
  onAttributeCollection: {
    "@odata.type": "#microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp",
    attributes: [{ id: "email" }, { id: "displayName" }],
    attributeCollectionPage: {
      views: [
        {
          inputs: [
            {
              attribute: "email",
              label: "Email Address",
              inputType: "Text",
              hidden: true,
              editable: false,
              writeToDirectory: true,
              required: true,
            },
            { attribute: "displayName", label: "Display Name", inputType: "text", required: false },
          ],
        },
      ],
    },
  },
};

describe("create", () => {
  it("answers 201 with Graph's create-response quirks", async () => {
    const r = await g.post(FLOWS, {
      ...flowBody("Shop sign-up", withAttributes),
      // The docs spell the type `…SignupEventsFlow` too: matched case-insensitively, emitted exactly.
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignupEventsFlow",
      conditions: { applications: { includeApplications: [{ appId: t.tenant.clientId }] } },
    });
    expect(r.status).toBe(201);
    expect(r.body["@odata.context"]).toBe(
      `${t.emu.graphUrl}/v1.0/$metadata#identity/authenticationEventsFlows/$entity`,
    );
    expect(r.body["@odata.type"]).toBe("#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow");
    expect(r.body).toMatchObject({
      description: null,
      priority: 500,
      onAttributeCollectionStart: null,
      onAttributeCollectionSubmit: null,
      onUserCreateStart: null,
      conditions: {
        applications: { includeAllApplications: false, includeApplications: [{ appId: t.tenant.clientId }] },
      },
    });
    expect(r.body.onAuthenticationMethodLoadStart).toEqual({
      "@odata.type": "#microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
    });
    const collection = r.body.onAttributeCollection;
    expect(collection.accessPackages).toEqual([]);
    expect(collection.attributeCollectionPage.customStringsFileId).toBeUndefined();
    const view = collection.attributeCollectionPage.views[0];
    expect(view).toMatchObject({ title: null, description: null });
    expect(view.inputs[0]).toMatchObject({
      attribute: "email",
      inputType: "text",
      defaultValue: null,
      options: [],
    });
  });

  it.each([
    ["no @odata.type", { "@odata.type": undefined }],
    ["an abstract @odata.type", { "@odata.type": "#microsoft.graph.authenticationEventsFlow" }],
    ["a handler without its @odata.type", { onInteractiveAuthFlowStart: { isSignUpAllowed: true } }],
    [
      "no identity provider",
      {
        onAuthenticationMethodLoadStart: {
          "@odata.type": "#microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
          identityProviders: [],
        },
      },
    ],
    [
      "an input for an attribute not on the flow",
      { onAttributeCollection: { ...withAttributes.onAttributeCollection, attributes: [{ id: "email" }] } },
    ],
    [
      "an unknown input type",
      {
        onAttributeCollection: {
          ...withAttributes.onAttributeCollection,
          attributeCollectionPage: {
            views: [{ inputs: [{ attribute: "email", label: "E", inputType: "slider" }] }],
          },
        },
      },
    ],
    ["priority on v1.0", { priority: 10 }],
  ])("refuses %s (400) and creates nothing", async (_, extra) => {
    const before = (await g.get(FLOWS)).body.value.length;
    const r = await g.post(FLOWS, flowBody("Refused", extra));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("Request_BadRequest");
    expect((await g.get(FLOWS)).body.value.length).toBe(before);
  });

  it("refuses an unknown identity provider (404), a duplicate name and an app already linked (409)", async () => {
    const unknown = await g.post(
      FLOWS,
      flowBody("Other", {
        onAuthenticationMethodLoadStart: {
          "@odata.type": "#microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp",
          identityProviders: [{ id: "Nope-OAUTH" }],
        },
      }),
    );
    expect(unknown.status).toBe(404);
    expect((await g.post(FLOWS, flowBody("shop SIGN-UP"))).status).toBe(409);
    const linked = await g.post(
      FLOWS,
      flowBody("Second", {
        conditions: { applications: { includeApplications: [{ appId: t.tenant.clientId }] } },
      }),
    );
    expect(linked.status).toBe(409);
    expect(linked.body.error.message).toMatch(/only one user flow/);
  });

  it("accepts priority and answers customStringsFileId on beta", async () => {
    const r = await g.post(
      "/beta/identity/authenticationEventsFlows",
      flowBody("Beta flow", { priority: 40, ...withAttributes }),
    );
    expect(r.status).toBe(201);
    expect(r.body.priority).toBe(40);
    expect(r.body.onAttributeCollection.attributeCollectionPage.customStringsFileId).toBeNull();
    expect((await g.del(`${FLOWS}/${r.body.id}`)).status).toBe(204);
  });
});

describe("read", () => {
  it("expands identity providers and attributes and annotates includeApplications in lists", async () => {
    const list = await reader.get(FLOWS);
    expect(list.status).toBe(200);
    const flow = list.body.value.find((f: { displayName: string }) => f.displayName === "Shop sign-up");
    expect(flow.conditions.applications["includeApplications@odata.context"]).toContain(
      `authenticationEventsFlows('${flow.id}')/${CAST}/conditions/applications/includeApplications`,
    );
    expect(flow.onAuthenticationMethodLoadStart.identityProviders).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.builtInIdentityProvider",
        id: "EmailPassword-OAUTH",
      }),
    ]);
    expect(flow.onAttributeCollection.attributes.map((a: { id: string }) => a.id)).toEqual([
      "email",
      "displayName",
    ]);
    const one = await reader.get(`${FLOWS}/${flow.id}`);
    expect(one.body.onAuthenticationMethodLoadStart.identityProviders).toHaveLength(1);
    expect((await reader.get(`${FLOWS}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    // The type-cast forms the Graph SDKs send answer the same.
    expect((await reader.get(`${FLOWS}/${flow.id}/${CAST}`)).body.id).toBe(flow.id);
    expect((await reader.get(`${FLOWS}/${CAST}`)).body.value).toHaveLength(list.body.value.length);
  });

  it("filters with type-cast lambda paths, and refuses a derived property without its cast", async () => {
    const byApp = await g.get(
      `${FLOWS}?$filter=${encodeURIComponent(`${CAST}/conditions/applications/includeApplications/any(appId:appId/appId eq '${t.tenant.clientId}')`)}`,
    );
    expect(byApp.status).toBe(200);
    expect(byApp.body.value.map((f: { displayName: string }) => f.displayName)).toEqual(["Shop sign-up"]);
    const google = `${CAST}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders/any(idp:idp/id eq 'Google-OAUTH')`;
    expect((await g.get(`${FLOWS}?$filter=${encodeURIComponent(google)}`)).body.value).toEqual([]);
    const uncast = await g.get(
      `${FLOWS}?$filter=${encodeURIComponent("onAuthenticationMethodLoadStart/identityProviders/any(i:i/id eq 'Google-OAUTH')")}`,
    );
    expect(uncast.status).toBe(400);
  });

  it("refuses reads without EventListener permissions (403)", async () => {
    const token = await limitedToken(t, "no flows", ["User.Read.All"]);
    const r = await graphCaller(t, () => token).get(FLOWS);
    expect(r.status).toBe(403);
  });
});

describe("update and delete", () => {
  it("needs the flow's @odata.type, replaces inputs wholesale, answers 204", async () => {
    const id = (await g.post(FLOWS, flowBody("Patch me", withAttributes))).body.id;
    expect((await g.patch(`${FLOWS}/${id}`, { displayName: "x" })).status).toBe(400);
    const r = await g.patch(`${FLOWS}/${id}`, {
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
      description: "patched",
      onAttributeCollection: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp",
        attributeCollectionPage: {
          views: [
            { inputs: [{ attribute: "email", label: "Your email", inputType: "text", required: true }] },
          ],
        },
      },
    });
    expect(r.status).toBe(204);
    const after = (await g.get(`${FLOWS}/${id}`)).body;
    expect(after.description).toBe("patched");
    expect(
      after.onAttributeCollection.attributeCollectionPage.views[0].inputs.map(
        (i: { attribute: string }) => i.attribute,
      ),
    ).toEqual(["email"]);
    expect(after.onAttributeCollection.attributes).toHaveLength(2);
  });

  it("refuses onAttributeCollection on a flow created without it until an attribute is added", async () => {
    const id = (await g.post(FLOWS, flowBody("No attributes"))).body.id;
    const patch = {
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
      onAttributeCollection: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp",
        attributeCollectionPage: { views: [{ inputs: [] }] },
      },
    };
    expect((await g.patch(`${FLOWS}/${id}`, patch)).status).toBe(400);
    expect(
      (
        await g.post(`${attributes(id)}/$ref`, {
          "@odata.id": "https://graph.microsoft.com/v1.0/identity/userFlowAttributes/city",
        })
      ).status,
    ).toBe(204);
    expect((await g.patch(`${FLOWS}/${id}`, patch)).status).toBe(204);
  });

  it("deletes a flow, unlinking its apps", async () => {
    const id = (
      await g.post(
        FLOWS,
        flowBody("Delete me", {
          conditions: { applications: { includeApplications: [{ appId: t.tenant.publicClientId }] } },
        }),
      )
    ).body.id;
    expect((await g.del(`${FLOWS}/${id}`)).status).toBe(204);
    expect((await g.get(`${FLOWS}/${id}`)).status).toBe(404);
    const relinked = await g.post(
      FLOWS,
      flowBody("Takes the app", {
        conditions: { applications: { includeApplications: [{ appId: t.tenant.publicClientId }] } },
      }),
    );
    expect(relinked.status).toBe(201);
    expect((await g.del(`${FLOWS}/${relinked.body.id}`)).status).toBe(204);
  });
});

describe("linked applications", () => {
  it("lists, adds (201) and removes (204), one flow per app", async () => {
    const id = (await g.post(FLOWS, flowBody("Apps"))).body.id;
    const apps = `${FLOWS}/${id}/conditions/applications/includeApplications`;
    const added = await g.post(apps, {
      "@odata.type": "#microsoft.graph.authenticationConditionApplication",
      appId: t.tenant.publicClientId,
    });
    expect(added.status).toBe(201);
    expect(added.body.appId).toBe(t.tenant.publicClientId);
    expect((await g.get(apps)).body.value).toEqual([{ appId: t.tenant.publicClientId }]);
    expect((await g.post(apps, { appId: t.tenant.clientId })).status).toBe(409);
    expect((await g.post(apps, { appId: "11111111-2222-3333-4444-555555555555" })).status).toBe(404);
    expect((await g.del(`${apps}/${t.tenant.publicClientId}`)).status).toBe(204);
    expect((await g.del(`${apps}/${t.tenant.publicClientId}`)).status).toBe(404);
    expect((await g.get(apps)).body.value).toEqual([]);
  });
});

describe("identity providers on a flow", () => {
  it("adds by any @odata.id URL ending in the id, lists and removes", async () => {
    const id = (await g.post(FLOWS, flowBody("Social"))).body.id;
    const add = await g.post(`${idps(id)}/$ref`, {
      "@odata.id": "https://graph.microsoft.com/beta/identityProviders/Google-OAUTH",
    });
    expect(add.status).toBe(204);
    expect((await g.get(idps(id))).body.value.map((p: { id: string }) => p.id)).toEqual([
      "EmailPassword-OAUTH",
      "Google-OAUTH",
    ]);
    expect(
      (
        await g.post(`${idps(id)}/$ref`, {
          "@odata.id": "https://graph.microsoft.com/v1.0/identity/identityProviders/Facebook-OAUTH",
        })
      ).status,
    ).toBe(404);
    expect((await g.post(`${idps(id)}/$ref`, { "@odata.id": "Google-OAUTH" })).status).toBe(400);
    expect((await g.del("/v1.0/identity/identityProviders/Google-OAUTH")).status).toBe(400);
    expect((await g.del(`${idps(id)}/Google-OAUTH/$ref`)).status).toBe(204);
    expect((await g.del(`${idps(id)}/EmailPassword-OAUTH/$ref`)).status).toBe(400);
  });
});

describe("attributes on a flow", () => {
  it("add appends a default input to the first view; remove leaves the page", async () => {
    const id = (await g.post(FLOWS, flowBody("Attributes", withAttributes))).body.id;
    const ref = { "@odata.id": "https://graph.microsoft.com/v1.0/identity/userFlowAttributes/city" };
    expect((await g.post(`${attributes(id)}/$ref`, ref)).status).toBe(204);
    expect((await g.post(`${attributes(id)}/$ref`, ref)).status).toBe(400);
    const flow = (await g.get(`${FLOWS}/${id}`)).body;
    const inputs = flow.onAttributeCollection.attributeCollectionPage.views[0].inputs;
    expect(inputs.at(-1)).toEqual({
      attribute: "city",
      label: "City",
      inputType: "text",
      defaultValue: null,
      hidden: false,
      editable: true,
      writeToDirectory: true,
      required: false,
      validationRegEx: "^.*",
      options: [],
    });
    const listed = await g.get(attributes(id));
    expect(listed.body.value.map((a: { id: string }) => a.id)).toEqual(["email", "displayName", "city"]);
    expect((await g.del(`${attributes(id)}/city/$ref`)).status).toBe(204);
    const after = (await g.get(`${FLOWS}/${id}`)).body.onAttributeCollection;
    expect(after.attributes.map((a: { id: string }) => a.id)).toEqual(["email", "displayName"]);
    expect(
      after.attributeCollectionPage.views[0].inputs.map((i: { attribute: string }) => i.attribute),
    ).toContain("city");
    expect((await g.del(`${attributes(id)}/city/$ref`)).status).toBe(404);
    expect((await reader.post(`${attributes(id)}/$ref`, ref)).status).toBe(403);
  });
});

describe("custom extension handlers", () => {
  it("bind an attribute-collection extension of the matching type only", async () => {
    const extensions = t.emu.store.tenant(t.tenant.tenantId)?.collection("customAuthenticationExtensions");
    const start = "0f1e2d3c-0000-4000-8000-000000000001";
    const token = "0f1e2d3c-0000-4000-8000-000000000002";
    extensions?.put(start, {
      "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtension",
      id: start,
    });
    extensions?.put(token, {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtension",
      id: token,
    });
    const handler = (id: string) => ({
      onAttributeCollectionStart: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtensionHandler",
        customExtension: { id },
      },
    });
    const r = await g.post(FLOWS, flowBody("With extension", handler(start)));
    expect(r.status).toBe(201);
    expect(r.body.onAttributeCollectionStart).toEqual({
      "@odata.type": "#microsoft.graph.onAttributeCollectionStartCustomExtensionHandler",
      configuration: null,
      customExtension: { id: start },
    });
    expect((await g.post(FLOWS, flowBody("Wrong extension", handler(token)))).status).toBe(400);
    expect(
      (await g.post(FLOWS, flowBody("No extension", handler("0f1e2d3c-0000-4000-8000-000000000009")))).status,
    ).toBe(404);
  });
});

describe("the flow's event listeners", () => {
  const listenersOf = (flowId: string) =>
    [
      ...(t.emu.store.tenant(t.tenant.tenantId)?.collection("authenticationEventListeners").values() ?? []),
    ].filter((l) => l.authenticationEventsFlowId === flowId);

  it("follow the flow's handlers and applications, and go with it", async () => {
    const id = (await g.post(FLOWS, flowBody("Listened", withAttributes))).body.id;
    const types = () =>
      listenersOf(id)
        .map((l) => String(l["@odata.type"]).slice(17))
        .sort();
    expect(types()).toEqual([
      "onAttributeCollectionListener",
      "onAuthenticationMethodLoadStartListener",
      "onInteractiveAuthFlowStartListener",
    ]);
    const before = listenersOf(id).map((l) => l.id);
    const apps = `${FLOWS}/${id}/conditions/applications/includeApplications`;
    expect((await g.post(apps, { appId: t.tenant.publicClientId })).status).toBe(201);
    for (const l of listenersOf(id)) {
      expect(l.conditions).toEqual({
        applications: {
          includeApplications: [{ appId: t.tenant.publicClientId }],
        },
      });
    }
    expect(listenersOf(id).map((l) => l.id)).toEqual(before);
    const patch = await g.patch(`${FLOWS}/${id}`, {
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
      onUserCreateStart: {
        "@odata.type": "#microsoft.graph.onUserCreateStartExternalUsersSelfServiceSignUp",
        userTypeToCreate: "member",
      },
    });
    expect(patch.status).toBe(204);
    expect(types()).toContain("onUserCreateStartListener");
    expect((await g.del(`${FLOWS}/${id}`)).status).toBe(204);
    expect(listenersOf(id)).toEqual([]);
  });
});
