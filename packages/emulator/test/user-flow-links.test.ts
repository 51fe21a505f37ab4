import { describe, expect, it } from "vitest";
import { attributes, FLOWS, flowBody, idps, useFlowEmulator, withAttributes } from "./helpers/user-flows.ts";

const { t, g, reader } = useFlowEmulator();

describe("linked applications", () => {
  it("lists, adds (201) and removes (204), one flow per app", async () => {
    // Another flow holds the management app, so linking it here conflicts (one flow per app).
    const other = await g.post(
      FLOWS,
      flowBody("Apps elsewhere", {
        conditions: { applications: { includeApplications: [{ appId: t.tenant.clientId }] } },
      }),
    );
    expect(other.status).toBe(201);
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
