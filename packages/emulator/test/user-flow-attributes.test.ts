import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestEmulator } from "./helpers/emulator.ts";
import { type GraphCaller, startWithReader } from "./helpers/graph-https.ts";

let t: TestEmulator;
let g: GraphCaller;
let reader: GraphCaller;
beforeAll(async () => {
  ({ t, g, reader } = await startWithReader("attribute reader", ["IdentityUserFlow.Read.All"]));
});
afterAll(() => t.emu.stop());

const PATH = "/v1.0/identity/userFlowAttributes";

describe("/identity/userFlowAttributes", () => {
  it("lists the built-in attributes with their derived type", async () => {
    const r = await reader.get(PATH);
    expect(r.status).toBe(200);
    const ids = r.body.value.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining(["email", "displayName", "city", "country", "givenName", "surname"]),
    );
    expect(r.body.value.find((a: { id: string }) => a.id === "email")).toEqual({
      "@odata.type": "#microsoft.graph.identityBuiltInUserFlowAttribute",
      id: "email",
      displayName: "Email Address",
      description: "Email address of the user",
      userFlowAttributeType: "builtIn",
      dataType: "string",
    });
  });

  it("creates a custom attribute named after the extensions app, with a Location header", async () => {
    const r = await g.post(PATH, { displayName: "Loyalty Tier", description: "Tier", dataType: "string" });
    expect(r.status).toBe(201);
    const extensionsApp = [
      ...(t.emu.store.tenant(t.tenant.tenantId)?.collection("applications").values() ?? []),
    ].find((a) => String(a.displayName).startsWith("b2c-extensions-app"));
    const id = `extension_${String(extensionsApp?.appId).replaceAll("-", "")}_LoyaltyTier`;
    expect(r.body).toMatchObject({
      "@odata.type": "#microsoft.graph.identityCustomUserFlowAttribute",
      id,
      displayName: "Loyalty Tier",
      userFlowAttributeType: "custom",
      dataType: "string",
    });
    expect(r.headers.get("location")).toBe(`/identity/userFlowAttributes('${id}')`);
    expect((await g.post(PATH, { displayName: "Loyalty Tier", dataType: "string" })).status).toBe(409);
    const filtered = await g.get(`${PATH}?$filter=userFlowAttributeType eq 'custom'`);
    expect(filtered.body.value.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it.each([
    ["dataType dateTime", { displayName: "Birthday", dataType: "dateTime" }],
    ["dataType stringCollection", { displayName: "Tags", dataType: "stringCollection" }],
    ["no displayName", { dataType: "string" }],
    ["a name with punctuation", { displayName: "a-b!", dataType: "string" }],
    ["a read-only property", { displayName: "Hobby", dataType: "string", userFlowAttributeType: "custom" }],
  ])("refuses a create with %s (400)", async (_, body) => {
    const r = await g.post(PATH, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("Request_BadRequest");
  });

  it("updates only the description of a custom attribute", async () => {
    const created = await g.post(PATH, { displayName: "Hobby", dataType: "string" });
    const id = created.body.id as string;
    expect((await g.patch(`${PATH}/${id}`, { description: "Your hobby" })).status).toBe(204);
    expect((await g.get(`${PATH}/${id}`)).body.description).toBe("Your hobby");
    expect((await g.patch(`${PATH}/${id}`, { dataType: "int64" })).status).toBe(400);
    expect((await g.patch(`${PATH}/${id}`, { displayName: "Other" })).status).toBe(400);
    expect((await g.patch(`${PATH}/city`, { description: "x" })).status).toBe(400);
    expect((await reader.patch(`${PATH}/${id}`, { description: "y" })).status).toBe(403);
  });

  it("deletes custom attributes only", async () => {
    const created = await g.post(PATH, { displayName: "Newsletter", dataType: "boolean" });
    const id = created.body.id as string;
    expect((await g.del(`${PATH}/${id}`)).status).toBe(204);
    expect((await g.get(`${PATH}/${id}`)).status).toBe(404);
    expect((await g.del(`${PATH}/${id}`)).status).toBe(404);
    expect((await g.del(`${PATH}/email`)).status).toBe(400);
  });
});
