import { describe, expect, it } from "vitest";
import { customer, useGraphFixture } from "./helpers/graph.ts";

const { fx, g } = useGraphFixture();

describe("directory/deletedItems", () => {
  it("keeps a deleted user for restore: listed, fetched, restored with its password", async () => {
    const { body: user } = await g.post("/users", customer("ana@example.com"));
    const hash = fx.tenant.collection("_userPasswords").get(user.id);
    expect((await g.del(`/users/${user.id}`)).status).toBe(204);
    const list = await g.get("/directory/deletedItems/microsoft.graph.user?$select=id,deletedDateTime");
    expect(list.body.value).toEqual([
      { "@odata.type": "#microsoft.graph.user", id: user.id, deletedDateTime: expect.any(String) },
    ]);
    const one = await g.get(`/directory/deletedItems/${user.id}`);
    expect(one.body).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: user.id });
    const restored = await g.post(`/directory/deletedItems/${user.id}/restore`, {});
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: user.id });
    expect((await g.get(`/users/${user.id}?$select=deletedDateTime`)).body.deletedDateTime).toBeNull();
    expect(fx.tenant.collection("_userPasswords").get(user.id)).toEqual(hash);
    expect((await g.get(`/directory/deletedItems/${user.id}`)).status).toBe(404);
    const activities = [...fx.tenant.collection("directoryAudits").values()].map(
      (a) => a.activityDisplayName,
    );
    expect(activities).toEqual(["Add user", "Delete user", "Restore user"]);
  });

  it("refuses to restore a user whose sign-in name was taken meanwhile (ObjectConflict)", async () => {
    const { body: user } = await g.post("/users", customer("ana@example.com"));
    await g.del(`/users/${user.id}`);
    await g.post("/users", customer("ana@example.com"));
    const r = await g.post(`/directory/deletedItems/${user.id}/restore`, {});
    expect(r.status).toBe(400);
    expect(r.error?.details).toEqual([
      expect.objectContaining({ code: "ObjectConflict", target: "identities" }),
    ]);
  });

  it("restores an application with its client secrets, and deletes a group for good", async () => {
    const { body: app } = await g.post("/applications", { displayName: "shop" });
    const secret = (await g.post(`/applications/${app.id}/addPassword`, {})).body;
    await g.del(`/applications/${app.id}`);
    expect(fx.tenant.collection("_credentials").has(secret.keyId)).toBe(false);
    expect((await g.post(`/directory/deletedItems/${app.id}/restore`, {})).status).toBe(200);
    expect(fx.tenant.collection("_credentials").get(secret.keyId)).toMatchObject({ appObjectId: app.id });

    const { body: group } = await g.post("/groups", {
      displayName: "G",
      mailEnabled: false,
      mailNickname: "g",
      securityEnabled: true,
    });
    await g.del(`/groups/${group.id}`);
    expect(
      (await g.get("/directory/deletedItems/microsoft.graph.group")).body.value.map(
        (x: { id: string }) => x.id,
      ),
    ).toEqual([group.id]);
    expect((await g.del(`/directory/deletedItems/${group.id}`)).status).toBe(204);
    expect((await g.post(`/directory/deletedItems/${group.id}/restore`, {})).status).toBe(404);
  });

  it("needs a permission for the deleted object's type", async () => {
    const { body: user } = await g.post("/users", customer("ana@example.com"));
    await g.del(`/users/${user.id}`);
    const groupsOnly = await fx.as(["Group.ReadWrite.All"]);
    expect((await groupsOnly.post(`/directory/deletedItems/${user.id}/restore`, {})).status).toBe(403);
    expect(fx.tenant.collection("deletedItems").has(user.id)).toBe(true);
  });
});
