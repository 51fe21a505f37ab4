import { beforeEach, describe, expect, it } from "vitest";
import { customer, useGraphFixture } from "./helpers/graph.ts";

let groupsBefore: number;
const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`;
const group = (extra: Record<string, unknown> = {}) => ({
  displayName: "Premium customers",
  mailEnabled: false,
  mailNickname: "premium-customers",
  securityEnabled: true,
  groupTypes: [],
  ...extra,
});

const { fx, g } = useGraphFixture();
beforeEach(async () => {
  groupsBefore = fx.tenant.collection("groups").size;
});

async function users(n: number): Promise<string[]> {
  const ids = [];
  for (let i = 0; i < n; i++)
    ids.push((await g.post("/users", customer(`m${i}@example.com`))).body.id as string);
  return ids;
}

describe("groups", () => {
  it("creates a security group with members bound (201) and lists members with @odata.type", async () => {
    const [a, b] = await users(2);
    const r = await g.post(
      "/groups",
      group({ "members@odata.bind": [ref(a as string), `https://graph.microsoft.com/v1.0/users/${b}`] }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ displayName: "Premium customers", securityEnabled: true, groupTypes: [] });
    const m = await g.get(`/groups/${r.body.id}/members`);
    expect(m.body["@odata.context"]).toBe(`${fx.t.emu.graphUrl}/v1.0/$metadata#directoryObjects`);
    expect(m.body.value.map((x: { id: string }) => x.id)).toEqual([a, b]);
    expect(m.body.value[0]["@odata.type"]).toBe("#microsoft.graph.user");
    const selected = await g.get(`/groups/${r.body.id}/members?$select=id`);
    expect(selected.body.value[0]).toEqual({ "@odata.type": "#microsoft.graph.user", id: a });
  });

  it.each([
    ["no mailNickname", group({ mailNickname: undefined }), "mailNickname"],
    ["a mailNickname with a space", group({ mailNickname: "a b" }), "mailNickname"],
    [
      "a missing member",
      group({ "members@odata.bind": [ref("68be84bf-0000-4000-8000-000000000000")] }),
      "does not exist",
    ],
    [
      "a missing owner",
      group({ "owners@odata.bind": [ref("68be84bf-0000-4000-8000-000000000000")] }),
      "does not exist",
    ],
    [
      "21 bindings",
      group({
        "members@odata.bind": Array.from({ length: 21 }, (_, i) =>
          ref(`68be84bf-0000-4000-8000-${String(i).padStart(12, "0")}`),
        ),
      }),
      "at most 20",
    ],
  ])("refuses %s and creates nothing", async (_, body, message) => {
    const r = await g.post("/groups", JSON.parse(JSON.stringify(body)));
    expect(r.status === 400 || r.status === 404).toBe(true);
    expect(r.error?.message).toContain(message);
    expect(fx.tenant.collection("groups").size).toBe(groupsBefore);
  });

  it("adds a member by $ref (204), refuses it twice (400) and an unknown object (404), removes it (204)", async () => {
    const [a] = await users(1);
    const { body } = await g.post("/groups", group());
    expect((await g.post(`/groups/${body.id}/members/$ref`, { "@odata.id": ref(a as string) })).status).toBe(
      204,
    );
    const again = await g.post(`/groups/${body.id}/members/$ref`, { "@odata.id": ref(a as string) });
    expect(again).toMatchObject({ status: 400, error: { code: "Request_BadRequest" } });
    const missing = await g.post(`/groups/${body.id}/members/$ref`, {
      "@odata.id": ref("68be84bf-0000-4000-8000-000000000000"),
    });
    expect(missing.status).toBe(404);
    expect((await g.del(`/groups/${body.id}/members/${a}/$ref`)).status).toBe(204);
    expect((await g.del(`/groups/${body.id}/members/${a}/$ref`)).status).toBe(404);
    const activities = [...fx.tenant.collection("directoryAudits").values()].map(
      (e) => e.activityDisplayName,
    );
    expect(activities).toEqual(["Add user", "Add group", "Add member to group", "Remove member from group"]);
  });

  it("binds members on PATCH all or nothing", async () => {
    const [a, b] = await users(2);
    const { body } = await g.post("/groups", group({ "members@odata.bind": [ref(a as string)] }));
    const bad = await g.patch(`/groups/${body.id}`, {
      "members@odata.bind": [ref(b as string), ref(a as string)],
    });
    expect(bad.status).toBe(400);
    expect((await g.get(`/groups/${body.id}/members`)).body.value).toHaveLength(1);
    expect((await g.patch(`/groups/${body.id}`, { "members@odata.bind": [ref(b as string)] })).status).toBe(
      204,
    );
    expect((await g.get(`/groups/${body.id}/members`)).body.value).toHaveLength(2);
  });

  it("expands members on a group (at most 100) and filters groups", async () => {
    const [a] = await users(1);
    const { body } = await g.post("/groups", group({ "members@odata.bind": [ref(a as string)] }));
    await g.post("/groups", group({ displayName: "Other", mailNickname: "other" }));
    const one = await g.get(`/groups/${body.id}?$expand=members($select=id,displayName)`);
    expect(one.body.members).toEqual([{ "@odata.type": "#microsoft.graph.user", id: a, displayName: "m0" }]);
    const list = await g.get("/groups?$filter=startswith(displayName,'prem')&$select=displayName");
    expect(list.body.value).toEqual([{ displayName: "Premium customers" }]);
    expect((await g.get("/groups?$expand=transitiveMembers")).error?.code).toBe("Request_BadRequest");
  });

  it("lists a user's groups (memberOf) and a group's members cast to users", async () => {
    const [a] = await users(1);
    const { body } = await g.post("/groups", group({ "members@odata.bind": [ref(a as string)] }));
    const of = await g.get(`/users/${a}/memberOf?$select=id,displayName`);
    expect(of.body["@odata.context"]).toBe(
      `${fx.t.emu.graphUrl}/v1.0/$metadata#directoryObjects(id,displayName)`,
    );
    expect(of.body.value).toEqual([
      { "@odata.type": "#microsoft.graph.group", id: body.id, displayName: "Premium customers" },
    ]);
    const cast = await g.get(`/groups/${body.id}/members/microsoft.graph.user?$select=id`);
    expect(cast.body.value).toEqual([{ id: a }]);
    expect(cast.body["@odata.context"]).toContain("$metadata#users(id)");
  });

  it("expands at most 100 members, while the members list pages through all of them", async () => {
    const ids = await users(101);
    const { body } = await g.post("/groups", group());
    for (const id of ids) await g.post(`/groups/${body.id}/members/$ref`, { "@odata.id": ref(id) });
    expect((await g.get(`/groups/${body.id}?$expand=members($select=id)`)).body.members).toHaveLength(100);
    const first = await g.get(`/groups/${body.id}/members?$select=id`);
    expect(first.body.value).toHaveLength(100);
    expect((await g.get(first.body["@odata.nextLink"])).body.value).toHaveLength(1);
  });

  it("updates (204) and deletes (204) a group, dropping its memberships", async () => {
    const [a] = await users(1);
    const { body } = await g.post("/groups", group({ "members@odata.bind": [ref(a as string)] }));
    expect((await g.patch(`/groups/${body.id}`, { description: "Gold tier" })).status).toBe(204);
    expect((await g.get(`/groups/${body.id}?$select=description`)).body.description).toBe("Gold tier");
    expect((await g.del(`/groups/${body.id}`)).status).toBe(204);
    expect((await g.get(`/groups/${body.id}`)).status).toBe(404);
    expect([...fx.tenant.collection("_groupMembers").values()].filter((e) => e.groupId === body.id)).toEqual(
      [],
    );
  });

  it("lets GroupMember.ReadWrite.All bind members but not change the group", async () => {
    const [a] = await users(1);
    const { body } = await g.post("/groups", group());
    const narrow = await fx.as(["GroupMember.ReadWrite.All"]);
    expect(
      (await narrow.patch(`/groups/${body.id}`, { "members@odata.bind": [ref(a as string)] })).status,
    ).toBe(204);
    expect((await narrow.patch(`/groups/${body.id}`, { displayName: "x" })).status).toBe(403);
  });
});
