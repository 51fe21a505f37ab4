import { describe, expect, it } from "vitest";
import { customer, useGraphFixture } from "./helpers/graph.ts";

// Replays the requests of Microsoft's Graph reference pages for group owners, members, memberOf and
// transitiveMemberOf (Create group, Add owners, Remove owner, List members, List memberOf, List
// transitiveMemberOf, Get a count of a group's members), and checks status and properties.

const EVENTUAL = { ConsistencyLevel: "eventual" };
const ref = (kind: string, id: string) => `https://graph.microsoft.com/v1.0/${kind}/${id}`;
const group = (extra: Record<string, unknown> = {}) => ({
  displayName: "Library Assist",
  mailEnabled: false,
  mailNickname: "library",
  securityEnabled: true,
  groupTypes: [],
  ...extra,
});

const { fx, g } = useGraphFixture();

async function user(email: string): Promise<string> {
  return (await g.post("/users", customer(email))).body.id as string;
}

describe("group owners", () => {
  it("creates a group with owners@odata.bind and members@odata.bind (201) and lists both", async () => {
    const owner = await user("owner@example.com");
    const member = await user("member@example.com");
    const created = await g.post(
      "/groups",
      group({
        "owners@odata.bind": [ref("users", owner)],
        "members@odata.bind": [ref("users", member)],
      }),
    );
    expect(created.status).toBe(201);
    const owners = await g.get(`/groups/${created.body.id}/owners`);
    expect(owners.status).toBe(200);
    expect(owners.body["@odata.context"]).toBe(`${fx.t.emu.graphUrl}/v1.0/$metadata#directoryObjects`);
    expect(owners.body.value.map((o: { id: string }) => o.id)).toEqual([owner]);
    expect(owners.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
    const members = await g.get(`/groups/${created.body.id}/members?$select=id`);
    expect(members.body.value).toEqual([{ "@odata.type": "#microsoft.graph.user", id: member }]);
    const expanded = await g.get(`/groups/${created.body.id}?$expand=owners($select=id)`);
    expect(expanded.body.owners).toEqual([{ "@odata.type": "#microsoft.graph.user", id: owner }]);
  });

  it("adds an owner by $ref (204), refuses it twice (400), removes it (204), then 404", async () => {
    const owner = await user("owner@example.com");
    const { body } = await g.post("/groups", group());
    const add = await g.post(`/groups/${body.id}/owners/$ref`, { "@odata.id": ref("users", owner) });
    expect(add.status).toBe(204);
    const again = await g.post(`/groups/${body.id}/owners/$ref`, { "@odata.id": ref("users", owner) });
    expect(again.status).toBe(400);
    expect(again.error?.message).toContain("'owners'");
    const missing = await g.post(`/groups/${body.id}/owners/$ref`, {
      "@odata.id": ref("directoryObjects", "68be84bf-0000-4000-8000-000000000000"),
    });
    expect(missing.status).toBe(404);
    expect((await g.del(`/groups/${body.id}/owners/${owner}/$ref`)).status).toBe(204);
    expect((await g.del(`/groups/${body.id}/owners/${owner}/$ref`)).status).toBe(404);
    const activities = [...fx.tenant.collection("directoryAudits").values()].map(
      (e) => e.activityDisplayName,
    );
    expect(activities).toContain("Add owner to group");
    expect(activities).toContain("Remove owner from group");
  });

  it("refuses a group as owner, and a reader cannot add owners (403)", async () => {
    const { body: a } = await g.post("/groups", group());
    const { body: b } = await g.post("/groups", group({ mailNickname: "other" }));
    const asGroup = await g.post(`/groups/${a.id}/owners/$ref`, { "@odata.id": ref("groups", b.id) });
    expect(asGroup.status).toBe(400);
    const owner = await user("owner@example.com");
    const reader = await fx.as(["Group.Read.All"]);
    expect(
      (await reader.post(`/groups/${a.id}/owners/$ref`, { "@odata.id": ref("users", owner) })).status,
    ).toBe(403);
    expect((await reader.get(`/groups/${a.id}/owners`)).status).toBe(200);
  });

  it("drops a deleted user from the groups it owned", async () => {
    const owner = await user("owner@example.com");
    const { body } = await g.post("/groups", group({ "owners@odata.bind": [ref("users", owner)] }));
    expect((await g.del(`/users/${owner}`)).status).toBe(204);
    expect((await g.get(`/groups/${body.id}/owners`)).body.value).toEqual([]);
  });
});

describe("$count and type casts on members, owners, memberOf, transitiveMemberOf", () => {
  it("counts a group's members with ConsistencyLevel: eventual, and refuses the count without it", async () => {
    const a = await user("a@example.com");
    const b = await user("b@example.com");
    const { body } = await g.post(
      "/groups",
      group({ "members@odata.bind": [ref("users", a), ref("users", b)] }),
    );
    const count = await g.get(`/groups/${body.id}/members/$count`, EVENTUAL);
    expect(count.status).toBe(200);
    expect(String(count.body)).toBe("2");
    expect((await g.get(`/groups/${body.id}/members/$count`)).status).toBe(400);
    const users = await g.get(`/groups/${body.id}/members/microsoft.graph.user/$count`, EVENTUAL);
    expect(String(users.body)).toBe("2");
    expect(String((await g.get(`/groups/${body.id}/owners/$count`, EVENTUAL)).body)).toBe("0");
    const withCount = await g.get(`/groups/${body.id}/members?$count=true`, EVENTUAL);
    expect(withCount.body["@odata.count"]).toBe(2);
  });

  it("casts memberOf to groups and lists transitive memberships through nested groups", async () => {
    const a = await user("a@example.com");
    const { body: inner } = await g.post("/groups", group({ "members@odata.bind": [ref("users", a)] }));
    const { body: outer } = await g.post(
      "/groups",
      group({ displayName: "Outer", mailNickname: "outer", "members@odata.bind": [ref("groups", inner.id)] }),
    );
    const cast = await g.get(`/users/${a}/memberOf/microsoft.graph.group?$select=id`);
    expect(cast.status).toBe(200);
    expect(cast.body["@odata.context"]).toBe(`${fx.t.emu.graphUrl}/v1.0/$metadata#groups(id)`);
    expect(cast.body.value).toEqual([{ id: inner.id }]);
    const counted = await g.get(
      `/users/${a}/memberOf/microsoft.graph.group?$count=true&$select=id`,
      EVENTUAL,
    );
    expect(counted.body["@odata.count"]).toBe(1);
    const transitive = await g.get(`/users/${a}/transitiveMemberOf?$select=id`);
    expect(transitive.body.value).toEqual([
      { "@odata.type": "#microsoft.graph.group", id: inner.id },
      { "@odata.type": "#microsoft.graph.group", id: outer.id },
    ]);
    expect(String((await g.get(`/users/${a}/transitiveMemberOf/$count`, EVENTUAL)).body)).toBe("2");
    const groupOf = await g.get(`/groups/${inner.id}/memberOf/microsoft.graph.group?$select=id`);
    expect(groupOf.body.value).toEqual([{ id: outer.id }]);
    const members = await g.get(`/groups/${outer.id}/transitiveMembers?$select=id`);
    expect(members.body.value).toEqual([
      { "@odata.type": "#microsoft.graph.group", id: inner.id },
      { "@odata.type": "#microsoft.graph.user", id: a },
    ]);
    const users = await g.get(`/groups/${outer.id}/transitiveMembers/microsoft.graph.user/$count`, EVENTUAL);
    expect(String(users.body)).toBe("1");
    const byUpn = await g.get(`/users/${a}@contoso.onmicrosoft.com/memberOf/$count`, EVENTUAL);
    expect(byUpn.status).toBe(200);
  });
});

describe("default property sets", () => {
  it("GET /groups serves the documented default set; $select reaches the others", async () => {
    const { body } = await g.post("/groups", group());
    const one = await g.get(`/groups/${body.id}`);
    expect(one.body).toHaveProperty("displayName", "Library Assist");
    expect(one.body).toHaveProperty("securityIdentifier");
    for (const onlyOnSelect of [
      "allowExternalSenders",
      "hideFromAddressLists",
      "isSubscribedByMail",
      "unseenCount",
    ])
      expect(one.body).not.toHaveProperty(onlyOnSelect);
    const list = await g.get("/groups");
    expect(list.body.value[0]).not.toHaveProperty("autoSubscribeNewMembers");
    const selected = await g.get(`/groups/${body.id}?$select=allowExternalSenders`);
    expect(selected.body).toHaveProperty("allowExternalSenders");
  });

  it("serves the properties the reference examples show beyond the v1.0 CSDL", async () => {
    const { body } = await g.post("/groups", group());
    expect(body.creationOptions).toEqual([]);
    expect((await g.get(`/groups/${body.id}`)).body.creationOptions).toEqual([]);
    expect((await g.get(`/groups/${body.id}?$select=id`)).body).not.toHaveProperty("creationOptions");
    expect((await g.get(`/groups/${body.id}?$select=creationOptions`)).body.creationOptions).toEqual([]);
    const sp = (await g.get("/servicePrincipals?$top=1")).body.value[0];
    expect(sp).toHaveProperty("publisherName");
    expect(sp.endpoints).toEqual([]);
    const org = (await g.get("/organization")).body.value[0];
    expect(org.directorySizeQuota).toMatchObject({ total: 50_000 });
    expect(org.directorySizeQuota.used).toBeGreaterThan(0);
    expect(org).toHaveProperty("isMultipleDataLocationsForServicesEnabled", null);
  });

  it("POST /users answers with the created object: the default set and the identities and policies it set", async () => {
    const r = await g.post("/users", customer("ana@example.com"));
    expect(r.status).toBe(201);
    expect(r.body.identities).toEqual(
      expect.arrayContaining([
        {
          signInType: "emailAddress",
          issuer: "contoso.onmicrosoft.com",
          issuerAssignedId: "ana@example.com",
        },
      ]),
    );
    expect(r.body.passwordPolicies).toBe("DisablePasswordExpiration");
    expect(r.body).not.toHaveProperty("passwordProfile");
  });
});
