import { describe, expect, it } from "vitest";
import { createApplicationOperation } from "../src/graph/applications/create-application.ts";
import { deleteApplicationOperation } from "../src/graph/applications/delete-application.ts";
import { listApplicationsOperation } from "../src/graph/applications/list-applications.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { deleteGroupOperation } from "../src/graph/groups/delete-group.ts";
import { getGroupOperation } from "../src/graph/groups/get-group.ts";
import { listGroupsOperation } from "../src/graph/groups/list-groups.ts";
import { restoreGroupOperation } from "../src/graph/groups/restore-group.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { deleteUserOperation } from "../src/graph/users/delete-user.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { NotFoundError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { missingPermissions } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator();

const graphRequests = () => t.emu.control.monitor.counters().byService.graph ?? 0;

async function deletedGroup(displayName: string): Promise<string> {
  const group = await admin.run(createGroupOperation, { displayName });
  await admin.run(deleteGroupOperation, { id: group.id });
  return group.id;
}

describe("deleted items (user_list, group_list, app_list with deleted)", () => {
  it("lists only the deleted users, groups and applications, each with its own filters", async () => {
    const kept = await admin.run(createUserOperation, {
      displayName: "Kept",
      signInName: "kept@example.com",
    });
    const gone = await admin.run(createUserOperation, {
      displayName: "Gone",
      signInName: "gone@example.com",
    });
    await admin.run(deleteUserOperation, { id: gone.id });
    const users = await admin.run(listUsersOperation, { deleted: true });
    expect(users.items.map((u) => u.id)).toContain(gone.id);
    expect(users.items.map((u) => u.id)).not.toContain(kept.id);
    expect((await admin.run(listUsersOperation, {})).items.map((u) => u.id)).toContain(kept.id);
    expect(
      (await admin.run(listUsersOperation, { deleted: true, displayNameStartsWith: "Kep" })).items,
    ).toEqual([]);

    const groupId = await deletedGroup("Old segment");
    expect((await admin.run(listGroupsOperation, { deleted: true })).items).toContainEqual(
      expect.objectContaining({ id: groupId, displayName: "Old segment" }),
    );

    const app = await admin.run(createApplicationOperation, { displayName: "Retired shop" });
    await admin.run(deleteApplicationOperation, { id: app.id });
    const apps = await admin.run(listApplicationsOperation, { deleted: true });
    expect(apps.items.map((a) => a.id)).toContain(app.id);
    expect(apps.items.every((a) => a.displayName === "Retired shop")).toBe(true);
  });
});

describe("group_restore", () => {
  it("brings a deleted group back with its id and name", async () => {
    const id = await deletedGroup("Returning segment");
    await expect(admin.run(getGroupOperation, { id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await admin.run(restoreGroupOperation, { id })).toMatchObject({
      id,
      displayName: "Returning segment",
    });
    expect(await admin.run(getGroupOperation, { id })).toMatchObject({ id });
    const deleted = await admin.run(listGroupsOperation, { deleted: true });
    expect(deleted.items.map((g) => g.id)).not.toContain(id);
  });

  it("a group not among the deleted items is a NotFoundError; a name instead of an id sends nothing", async () => {
    const id = await deletedGroup("Twice");
    await admin.run(restoreGroupOperation, { id });
    await expect(admin.run(restoreGroupOperation, { id })).rejects.toBeInstanceOf(NotFoundError);
    const before = graphRequests();
    await expect(admin.run(restoreGroupOperation, { id: "Twice" })).rejects.toBeInstanceOf(InvalidInputError);
    expect(graphRequests()).toBe(before);
  });

  it("without Group.ReadWrite.All the error names the permission", async () => {
    const id = await deletedGroup("Guarded");
    expect(
      await missingPermissions(t, admin, ["Group.Read.All"], (client) =>
        client.run(restoreGroupOperation, { id }),
      ),
    ).toContain("Group.ReadWrite.All");
  });
});
