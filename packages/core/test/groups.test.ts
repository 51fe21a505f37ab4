import { describe, expect, it } from "vitest";
import { addMembersOperation } from "../src/graph/groups/add-members.ts";
import { createGroupOperation } from "../src/graph/groups/create-group.ts";
import { deleteGroupOperation } from "../src/graph/groups/delete-group.ts";
import { getGroupOperation } from "../src/graph/groups/get-group.ts";
import { listGroupsOperation } from "../src/graph/groups/list-groups.ts";
import { listMembersOperation } from "../src/graph/groups/list-members.ts";
import { removeMemberOperation } from "../src/graph/groups/remove-member.ts";
import { updateGroupOperation } from "../src/graph/groups/update-group.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { ConnectionError, NotFoundError, PermissionError, ThrottledError } from "../src/http/errors.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator({ clearFaults: true });

async function newUser(name: string) {
  return admin.run(createUserOperation, {
    displayName: name,
    signInName: `${name.toLowerCase().replaceAll(" ", ".")}@example.com`,
  });
}

describe("group operations against the emulator", () => {
  it("create, get, update, list, members add/list/remove, delete", async () => {
    const group = await admin.run(createGroupOperation, {
      displayName: "Premium customers (EU)",
      description: "Plan: premium",
    });
    expect(group).toMatchObject({
      displayName: "Premium customers (EU)",
      securityEnabled: true,
      mailEnabled: false,
      mailNickname: "Premium-customers-EU",
    });

    const renamed = await admin.run(updateGroupOperation, { id: group.id, description: "Plan: premium+" });
    expect(renamed.description).toBe("Plan: premium+");
    expect((await admin.run(getGroupOperation, { id: group.id })).displayName).toBe("Premium customers (EU)");
    expect(
      (
        await admin.run(listGroupsOperation, { displayNameStartsWith: "Premium customers (", limit: 5 })
      ).items.map((g) => g.id),
    ).toEqual([group.id]);

    const ann = await newUser("Ann Member");
    const bob = await newUser("Bob Member");
    const added = await admin.run(addMembersOperation, { id: group.id, memberIds: [ann.id, bob.id, ann.id] });
    expect(added.results).toEqual([
      { memberId: ann.id, status: "added" },
      { memberId: bob.id, status: "added" },
    ]);
    const again = await admin.run(addMembersOperation, {
      id: group.id,
      memberIds: [ann.id, "00000000-0000-4000-8000-000000000001"],
    });
    expect(again.results[0]).toEqual({ memberId: ann.id, status: "alreadyMember" });
    expect(again.results[1]).toMatchObject({ status: "failed" });

    const members = await admin.run(listMembersOperation, { id: group.id, limit: 10 });
    expect(members.items.map((m) => [m.id, m.type]).sort()).toEqual(
      [
        [ann.id, "user"],
        [bob.id, "user"],
      ].sort(),
    );

    await admin.run(removeMemberOperation, { id: group.id, memberId: ann.id });
    expect(
      (await admin.run(listMembersOperation, { id: group.id, limit: 10 })).items.map((m) => m.id),
    ).toEqual([bob.id]);
    await expect(admin.run(removeMemberOperation, { id: group.id, memberId: ann.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    await admin.run(deleteGroupOperation, { id: group.id });
    await expect(admin.run(getGroupOperation, { id: group.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a just-created group that has not replicated yet: adding a member retries its 404 (read-after-write)", async () => {
    const member = await newUser("Lagging Member");
    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/groups", fault: { kind: "replicationLag", ms: 400 }, times: 1 }],
    });
    const group = await admin.run(createGroupOperation, { displayName: "Lagging group" });
    // 100 + 200 + 400 ms of retries outlast the 400 ms lag.
    const patient = t.client({ readAfterWrite: { delayMs: 100 } });
    const added = await patient.run(addMembersOperation, { id: group.id, memberIds: [member.id] });
    expect(added.results).toEqual([{ memberId: member.id, status: "added" }]);
    const notFoundsRetried = t.emu.control.monitor
      .requests(50)
      .filter((r) => r.method === "POST" && r.path.includes(`/groups/${group.id}/members`));
    expect(notFoundsRetried.map((r) => r.status)).toContain(404);
    expect(notFoundsRetried.at(-1)?.status).toBe(204);
  });

  it("a 404 says 'may need a few seconds to replicate' only for an object this client created moments ago", async () => {
    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/groups", fault: { kind: "replicationLag", ms: 60_000 }, times: 1 }],
    });
    const impatient = t.client({ readAfterWrite: { retries: 0 } });
    const group = await impatient.run(createGroupOperation, { displayName: "Not yet replicated" });
    const lagging = await impatient.run(getGroupOperation, { id: group.id }).catch((e: unknown) => e);
    expect(lagging).toBeInstanceOf(NotFoundError);
    expect((lagging as NotFoundError).createdMomentsAgo).toBe(true);
    expect((lagging as Error).message).toMatch(
      /created the object moments ago: it may need a few seconds to replicate/,
    );
    // Another client did not create it; an id nobody created is simply not found.
    const other = await admin.run(getGroupOperation, { id: group.id }).catch((e: unknown) => e);
    expect((other as NotFoundError).createdMomentsAgo).toBe(false);
    expect((other as Error).message).not.toMatch(/replicate/);
    const missing = await impatient
      .run(getGroupOperation, { id: "68be84bf-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).not.toMatch(/replicate/);
    await impatient.close();
  });

  it("update needs something to change", async () => {
    await expect(admin.run(updateGroupOperation, { id: "x" })).rejects.toThrow(
      /displayName and\/or description/,
    );
  });

  it("a missing permission names Group.ReadWrite.All", async () => {
    // The emulator offers the application permissions of api-surface §10.5, which has no Group.Read.All.
    const { client } = await limitedClient(t, admin, ["User.Read.All"]);
    const error = await client.run(createGroupOperation, { displayName: "Nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as Error).message).toContain("Group.ReadWrite.All");
    await client.close();
  });

  it("throttled: a write retried after Retry-After succeeds; without retries it is a ThrottledError", async () => {
    // The impatient client gets its token first (a read), so its write follows C within the 1 s window.
    const impatient = t.client({ retry: { maxRetries: 0 } });
    await impatient.run(listGroupsOperation, { limit: 1 });
    await t.control("PUT", "/throttling", { enabled: true, timeScale: 150, limits: { appTenantWrites: 1 } });
    const a = await admin.run(createGroupOperation, { displayName: "Throttle A" });
    const b = await admin.run(createGroupOperation, { displayName: "Throttle B" });
    expect(a.id).not.toBe(b.id);
    await admin.run(createGroupOperation, { displayName: "Throttle C" });
    await expect(impatient.run(createGroupOperation, { displayName: "Throttle D" })).rejects.toBeInstanceOf(
      ThrottledError,
    );
  });

  it("a dropped connection on delete is retried (DELETE is idempotent)", async () => {
    const group = await admin.run(createGroupOperation, { displayName: "Dropped" });
    await t.control("PUT", "/faults", {
      rules: [{ method: "DELETE", path: "/groups/*", fault: { kind: "drop", when: "before" }, times: 1 }],
    });
    expect(await admin.run(deleteGroupOperation, { id: group.id })).toEqual({ id: group.id, deleted: true });
  });

  it("a dropped connection on create surfaces as a ConnectionError", async () => {
    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/groups", fault: { kind: "drop", when: "after" }, times: 1 }],
    });
    await expect(admin.run(createGroupOperation, { displayName: "Lost group" })).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });
});
