import { describe, expect, it } from "vitest";
import { useGraphFixture } from "./helpers/graph.ts";

// Requests of Microsoft's Graph reference pages the replay (test/conformance) listed as known
// deviations, now answered as the pages show.

const { fx, g } = useGraphFixture();
const EVENTUAL = { ConsistencyLevel: "eventual" };

async function group(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await g.post("/groups", {
    displayName: name,
    mailEnabled: false,
    mailNickname: name.replace(/\W/g, ""),
    securityEnabled: true,
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe("groups as the group pages document them", () => {
  it("filters on hasMembersWithLicenseErrors (eq)", async () => {
    await group("Licensed staff");
    const r = await g.get(
      "/groups?$count=true&$filter=hasMembersWithLicenseErrors eq true&$select=id,displayName",
      EVENTUAL,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ "@odata.count": 0, value: [] });
  });

  it("filters dynamic groups on membershipRule and membershipRuleProcessingState", async () => {
    const rule = { groupTypes: ["DynamicMembership"], membershipRule: 'user.department -eq "Sales"' };
    const on = await group("Dynamic on", { ...rule, membershipRuleProcessingState: "On" });
    const paused = await group("Dynamic paused", { ...rule, membershipRuleProcessingState: "Paused" });
    const r = await g.get(
      "/groups?$filter=mailEnabled eq false and securityEnabled eq true and NOT(groupTypes/any(s:s eq 'Unified')) and membershipRuleProcessingState eq 'On'&$count=true&$select=id,membershipRule,membershipRuleProcessingState",
      EVENTUAL,
    );
    expect(r.status).toBe(200);
    expect(r.body.value).toEqual([
      { id: on, membershipRule: rule.membershipRule, membershipRuleProcessingState: "On" },
    ]);
    const both = await g.get(`/groups?$filter=startswith(membershipRule, 'user.department')&$select=id`);
    expect(both.body.value.map((x: { id: string }) => x.id).sort()).toEqual([on, paused].sort());
  });

  it("serves a group's id beside the $select-ed properties of a get, not of a list", async () => {
    const id = await group("Selected");
    const one = await g.get(`/groups/${id}?$select=displayName,unseenCount`);
    expect(one.status).toBe(200);
    const { "@odata.context": _context, ...props } = one.body;
    expect(props).toEqual({ id, displayName: "Selected", unseenCount: null });
    const list = await g.get(`/groups?$filter=id eq '${id}'&$select=displayName`);
    expect(list.body.value).toEqual([{ displayName: "Selected" }]);
  });
});

describe("deleted items as the deletedItems page documents them", () => {
  it("names the type's own set in @odata.context", async () => {
    const id = await group("Soon gone");
    expect((await g.del(`/groups/${id}`)).status).toBe(204);
    const r = await g.get("/directory/deletedItems/microsoft.graph.group");
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toMatch(/\/\$metadata#groups$/);
    expect(r.body.value.map((x: { id: string }) => x.id)).toContain(id);
  });

  it("sorts by deletedDateTime with the advanced query parameters, and says so without them", async () => {
    const first = await group("Deleted first");
    const second = await group("Deleted second");
    await g.del(`/groups/${second}`);
    fx.tick(60_000);
    await g.del(`/groups/${first}`);
    const url =
      "/directory/deletedItems/microsoft.graph.group?$count=true&$orderBy=deletedDateTime asc&$select=id,DisplayName,deletedDateTime";
    const r = await g.get(url, EVENTUAL);
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toMatch(/#groups\(id,displayName,deletedDateTime\)$/);
    const ids = r.body.value.map((x: { id: string }) => x.id);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(ids.indexOf(second)).toBeGreaterThanOrEqual(0);
    const plain = await g.get("/directory/deletedItems/microsoft.graph.group?$orderby=deletedDateTime");
    expect(plain.status).toBe(400);
  });
});

describe("branding as the branding pages document it", () => {
  it("carries the branding's directory address in @odata.id", async () => {
    const org = (await g.get("/organization")).body.value[0].id as string;
    const address = `${fx.t.emu.graphUrl}/v2/${org}/directoryObjects/$/Microsoft.DirectoryServices.Organization('${org}')`;
    expect((await g.patch(`/organization/${org}/branding`, { signInPageText: "Hello" })).status).toBe(204);
    const branding = await g.get(`/organization/${org}/branding`, { "Accept-Language": "0" });
    expect(branding.body["@odata.id"]).toBe(`${address}/branding/0`);
    const created = await g.post(`/organization/${org}/branding/localizations`, {
      id: "fr-FR",
      signInPageText: "Salut",
    });
    expect(created.status).toBe(201);
    expect(created.body["@odata.id"]).toBe(`${address}//localizations/fr-FR`);
    const one = await g.get(`/organization/${org}/branding/localizations/fr-FR`);
    expect(one.body["@odata.id"]).toBe(`${address}//localizations('fr-FR')/fr-FR`);
    const list = await g.get(`/organization/${org}/branding/localizations`);
    expect(list.body.value.map((l: { "@odata.id": string }) => l["@odata.id"])).toEqual([
      `${address}//localizations/0`,
      `${address}//localizations/fr-FR`,
    ]);
  });
});

describe("applications as the application pages document them", () => {
  it("filters on owners/$count in an advanced query", async () => {
    const app = (await g.post("/applications", { displayName: "Ownerless" })).body;
    const url =
      "/applications?$filter=owners/$count eq 0 or owners/$count eq 1&$count=true&$select=id,displayName";
    const r = await g.get(url, EVENTUAL);
    expect(r.status).toBe(200);
    expect(r.body.value).toContainEqual({ id: app.id, displayName: "Ownerless" });
    const none = await g.get("/applications?$filter=owners/$count gt 0&$count=true&$select=id", EVENTUAL);
    expect(none.body.value).toEqual([]);
  });

  it("needs the advanced query parameters and a number for owners/$count", async () => {
    const plain = await g.get("/applications?$filter=owners/$count eq 0");
    expect(plain.status).toBe(400);
    expect(plain.error?.message).toMatch(/ConsistencyLevel:eventual/);
    const text = await g.get("/applications?$filter=owners/$count eq 'none'&$count=true", EVENTUAL);
    expect(text.status).toBe(400);
    const unknown = await g.get("/applications?$filter=members/$count eq 0&$count=true", EVENTUAL);
    expect(unknown.status).toBe(400);
    expect(unknown.error?.code).toBe("Request_UnsupportedQuery");
  });
});

describe("users as the user pages document them", () => {
  it("filters users by an assigned license's SKU with any()", async () => {
    const sku = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
    const r = await g.get(
      `/users?$select=id,mail,assignedLicenses&$filter=assignedLicenses/any(u:u/skuId eq ${sku})`,
    );
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toMatch(/#users\(id,mail,assignedLicenses\)$/);
    // The emulator assigns no licenses: no user has that SKU.
    expect(r.body.value).toEqual([]);
  });
});

describe("service principals as the servicePrincipal page documents them", () => {
  it("returns customSecurityAttributes only on $select", async () => {
    const app = (await g.post("/applications", { displayName: "Attributed" })).body;
    const sp = await g.post("/servicePrincipals", { appId: app.appId });
    expect(sp.status).toBe(201);
    expect(sp.body).not.toHaveProperty("customSecurityAttributes");
    expect(sp.body).toHaveProperty("publisherName");
    const one = await g.get(`/servicePrincipals/${sp.body.id}`);
    expect(one.body).not.toHaveProperty("customSecurityAttributes");
    expect(one.body).toMatchObject({ appId: app.appId, servicePrincipalNames: expect.any(Array) });
    const list = await g.get(`/servicePrincipals?$filter=appId eq '${app.appId}'`);
    expect(list.body.value[0]).not.toHaveProperty("customSecurityAttributes");
    const selected = await g.get(`/servicePrincipals/${sp.body.id}?$select=id,customSecurityAttributes`);
    expect(selected.body).toHaveProperty("customSecurityAttributes");
  });
});

describe("applications' default property set", () => {
  it("returns authenticationBehaviors only on $select", async () => {
    const app = await g.post("/applications", { displayName: "Behaved" });
    expect(app.status).toBe(201);
    expect(app.body).not.toHaveProperty("authenticationBehaviors");
    const one = await g.get(`/applications/${app.body.id}`);
    expect(one.body).not.toHaveProperty("authenticationBehaviors");
    expect(one.body).toMatchObject({
      appId: app.body.appId,
      displayName: "Behaved",
      web: expect.any(Object),
    });
    const list = await g.get(`/applications?$filter=id eq '${app.body.id}'`);
    expect(list.body.value[0]).not.toHaveProperty("authenticationBehaviors");
    const selected = await g.get(`/applications/${app.body.id}?$select=id,authenticationBehaviors`);
    expect(selected.body).toHaveProperty("authenticationBehaviors");
  });
});
