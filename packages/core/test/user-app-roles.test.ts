import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { assignAppRoleOperation } from "../src/graph/users/assign-app-role.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { listAppRolesOperation } from "../src/graph/users/list-app-roles.ts";
import { removeAppRoleOperation } from "../src/graph/users/remove-app-role.ts";
import { NotFoundError, ValidationError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { missingPermissions } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator();

const graphRequests = () => t.emu.control.monitor.counters().byService.graph ?? 0;

/** An app defining roles for users and groups (as the app registration page or app_update would), with its service principal. */
async function appWithRoles(displayName: string): Promise<string> {
  const role = (value: string) => ({
    id: randomUUID(),
    value,
    displayName: `${value} role`,
    description: value,
    allowedMemberTypes: ["User"],
    isEnabled: true,
  });
  const app = await admin.graph.post<{ appId: string }>("/applications", {
    displayName,
    appRoles: [role("Admin"), role("Reader")],
  });
  await admin.graph.post("/servicePrincipals", { appId: app.appId });
  return app.appId;
}

describe("user_app_role_assign / list / remove", () => {
  it("assigns roles by value or name to a user (by sign-in name) and a group, lists and removes them", async () => {
    const appId = await appWithRoles("Shop with roles");
    const user = await admin.run(createUserOperation, {
      displayName: "Role user",
      signInName: "role.user@example.com",
    });
    const group = await admin.run(createGroupOperation, { displayName: "Role group" });
    const toUser = await admin.run(assignAppRoleOperation, {
      appId,
      principal: "role.user@example.com",
      role: "admin",
    });
    expect(toUser).toMatchObject({ role: "Admin", principalId: user.id, principalType: "User" });
    const toGroup = await admin.run(assignAppRoleOperation, {
      appId,
      principal: group.id,
      role: "Reader role",
    });
    expect(toGroup).toMatchObject({ role: "Reader", principalId: group.id, principalType: "Group" });
    const plain = await admin.run(assignAppRoleOperation, { appId, principal: user.id });
    expect(plain.role).toBe("default");

    const { items } = await admin.run(listAppRolesOperation, { appId });
    expect(items.map((a) => [a.principalDisplayName, a.role]).sort()).toEqual([
      ["Role group", "Reader"],
      ["Role user", "Admin"],
      ["Role user", "default"],
    ]);
    expect(await admin.run(removeAppRoleOperation, { appId, assignmentId: toUser.id })).toEqual({
      assignmentId: toUser.id,
      removed: true,
    });
    expect((await admin.run(listAppRolesOperation, { appId })).items.map((a) => a.id).sort()).toEqual(
      [toGroup.id, plain.id].sort(),
    );
    await expect(
      admin.run(removeAppRoleOperation, { appId, assignmentId: toUser.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("an unknown role is refused naming the app's roles, before any assignment is made", async () => {
    const appId = await appWithRoles("Shop unknown role");
    const user = await admin.run(createUserOperation, {
      displayName: "No role",
      signInName: "no.role@example.com",
    });
    const error = await admin
      .run(assignAppRoleOperation, { appId, principal: user.id, role: "Owner" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("its roles: Admin, Reader");
    expect((await admin.run(listAppRolesOperation, { appId })).items).toEqual([]);
  });

  it("a second identical assignment is Graph's validation error; an app without service principal says how to create one", async () => {
    const appId = await appWithRoles("Shop twice");
    const user = await admin.run(createUserOperation, {
      displayName: "Twice",
      signInName: "twice.role@example.com",
    });
    await admin.run(assignAppRoleOperation, { appId, principal: user.id, role: "Admin" });
    await expect(
      admin.run(assignAppRoleOperation, { appId, principal: user.id, role: "Admin" }),
    ).rejects.toBeInstanceOf(ValidationError);
    const bare = await admin.graph.post<{ appId: string }>("/applications", { displayName: "No SP" });
    const error = await admin.run(listAppRolesOperation, { appId: bare.appId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain("ciam service-principal create");
  });

  it("refuses an appId that is not a GUID before any request; without AppRoleAssignment.ReadWrite.All names it", async () => {
    const before = graphRequests();
    await expect(
      admin.run(assignAppRoleOperation, { appId: "shop", principal: "x@example.com" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(graphRequests()).toBe(before);

    const appId = await appWithRoles("Shop guarded");
    const user = await admin.run(createUserOperation, {
      displayName: "Guarded",
      signInName: "guarded.role@example.com",
    });
    expect(
      await missingPermissions(t, admin, ["Application.Read.All", "User.Read.All"], (client) =>
        client.run(assignAppRoleOperation, { appId, principal: user.id, role: "Admin" }),
      ),
    ).toContain("AppRoleAssignment.ReadWrite.All");
  });
});
