import { describe, expect, it } from "vitest";
import { addMembersOperation } from "../src/graph/groups/add-members.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { listMembersOperation } from "../src/graph/groups/list-members.ts";
import { removeMemberOperation } from "../src/graph/groups/remove-member.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { NotFoundError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { missingPermissions } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator();

const newUser = (displayName: string, signInName: string, extra: Record<string, string> = {}) =>
  admin.run(createUserOperation, { displayName, signInName, ...extra });
const newGroup = async (displayName: string) => (await admin.run(createGroupOperation, { displayName })).id;
const memberIds = async (id: string, owner?: boolean) =>
  (await admin.run(listMembersOperation, { id, ...(owner === undefined ? {} : { owner }) })).items.map(
    (m) => m.id,
  );

describe("group_member_add by sign-in name or mail", () => {
  it("adds users named by their sign-in email, their user name or their mail", async () => {
    const ana = await newUser("Ana", "ana.m@example.com");
    const bo = await newUser("Bo", "bo_m", { signInType: "userName", mail: "bo.contact@example.com" });
    const cy = await newUser("Cy", "cy_m", { signInType: "userName" });
    const id = await newGroup("By name");
    const { results } = await admin.run(addMembersOperation, {
      id,
      memberIds: ["ana.m@example.com", "bo.contact@example.com", "cy_m"],
    });
    expect(results).toEqual([
      { memberId: ana.id, status: "added" },
      { memberId: bo.id, status: "added" },
      { memberId: cy.id, status: "added" },
    ]);
    expect((await memberIds(id)).sort()).toEqual([ana.id, bo.id, cy.id].sort());
  });

  it("a name several users have is refused naming them, and nothing is added", async () => {
    const first = await newUser("Shared one", "shared.one@example.com", { mail: "family@example.com" });
    const second = await newUser("Shared two", "shared.two@example.com", { mail: "family@example.com" });
    const id = await newGroup("Ambiguous");
    const error = await admin
      .run(addMembersOperation, { id, memberIds: ["shared.one@example.com", "family@example.com"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("family@example.com matches 2 users");
    expect((error as Error).message).toContain(first.id);
    expect((error as Error).message).toContain(second.id);
    expect(await memberIds(id)).toEqual([]);
  });

  it("a name no user has is refused and nothing is added", async () => {
    const id = await newGroup("Nobody");
    const error = await admin
      .run(addMembersOperation, { id, memberIds: ["nobody@example.com"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain("nobody@example.com: no user signs in with it");
    expect(await memberIds(id)).toEqual([]);
  });
});

describe("group owners (owner: true on group_member_list/add/remove)", () => {
  it("adds, lists and removes owners apart from members", async () => {
    const owner = await newUser("Owner", "owner.g@example.com");
    const id = await newGroup("Owned");
    expect(
      await admin.run(addMembersOperation, { id, memberIds: ["owner.g@example.com"], owner: true }),
    ).toEqual({
      results: [{ memberId: owner.id, status: "added" }],
    });
    expect(await memberIds(id, true)).toEqual([owner.id]);
    expect(await memberIds(id)).toEqual([]);
    expect(
      (await admin.run(addMembersOperation, { id, memberIds: [owner.id], owner: true })).results,
    ).toEqual([{ memberId: owner.id, status: "alreadyMember" }]);
    expect(await admin.run(removeMemberOperation, { id, memberId: owner.id, owner: true })).toEqual({
      id,
      memberId: owner.id,
      removed: true,
    });
    expect(await memberIds(id, true)).toEqual([]);
    await expect(
      admin.run(removeMemberOperation, { id, memberId: owner.id, owner: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("with GroupMember.ReadWrite.All only, adding an owner names Group.ReadWrite.All", async () => {
    const owner = await newUser("Owner2", "owner2.g@example.com");
    const id = await newGroup("Guarded owners");
    const missing = await missingPermissions(
      t,
      admin,
      ["GroupMember.ReadWrite.All", "User.Read.All"],
      async (client) => {
        // Members need only GroupMember.ReadWrite.All; owners need more.
        await client.run(addMembersOperation, { id, memberIds: [owner.id] });
        return client.run(addMembersOperation, { id, memberIds: [owner.id], owner: true });
      },
    );
    expect(missing).toContain("Group.ReadWrite.All");
    expect(await memberIds(id)).toEqual([owner.id]);
    expect(await memberIds(id, true)).toEqual([]);
  });
});
