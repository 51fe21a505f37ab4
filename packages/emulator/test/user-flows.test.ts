import { describe, expect, it } from "vitest";
import { graphCaller, limitedToken } from "./helpers/graph-https.ts";
import { attributes, CAST, FLOWS, flowBody, useFlowEmulator, withAttributes } from "./helpers/user-flows.ts";

const { t, g, reader } = useFlowEmulator();

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

  it("adds the built-in city attribute to a flow's page by PATCH, as the update page's example does (204)", async () => {
    const attribute = (id: string, displayName: string) => ({
      id,
      displayName,
      description: displayName,
      userFlowAttributeType: "builtIn",
      dataType: "string",
    });
    const input = (attribute: string, label: string) => ({
      attribute,
      label,
      inputType: "text",
      hidden: false,
      editable: true,
      writeToDirectory: true,
      required: false,
      validationRegEx: "^[a-zA-Z_][0-9a-zA-Z_ ]*[0-9a-zA-Z_]+$",
    });
    for (const created of [flowBody("City with attributes", withAttributes), flowBody("City without")]) {
      const id = (await g.post(FLOWS, created)).body.id;
      const r = await g.patch(`${FLOWS}/${id}`, {
        "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
        onAttributeCollection: {
          "@odata.type": "#microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp",
          attributes: [
            attribute("email", "Email Address"),
            attribute("displayName", "Display Name"),
            attribute("city", "City"),
          ],
          attributeCollectionPage: {
            views: [
              {
                inputs: [
                  input("email", "Email Address"),
                  input("displayName", "Display Name"),
                  input("city", "City"),
                ],
              },
            ],
          },
        },
      });
      expect(r.status).toBe(204);
      const after = (await g.get(`${FLOWS}/${id}`)).body.onAttributeCollection;
      expect(after.attributes.map((a: { id: string }) => a.id)).toEqual(["email", "displayName", "city"]);
      expect(after.attributeCollectionPage.views[0].inputs[2]).toMatchObject({
        attribute: "city",
        label: "City",
      });
    }
    // The update page's own example sends the page only: the built-in attribute joins the flow's.
    const id = (await g.post(FLOWS, flowBody("City by page", withAttributes))).body.id;
    const pageOnly = await g.patch(`${FLOWS}/${id}`, {
      "@odata.type": "#microsoft.graph.externalUsersSelfServiceSignUpEventsFlow",
      onAttributeCollection: {
        "@odata.type": "#microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp",
        attributeCollectionPage: {
          views: [{ inputs: [input("email", "Email Address"), input("city", "City")] }],
        },
      },
    });
    expect(pageOnly.status).toBe(204);
    const after = (await g.get(`${FLOWS}/${id}`)).body.onAttributeCollection;
    expect(after.attributes.map((a: { id: string }) => a.id)).toEqual(["email", "displayName", "city"]);
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
