import { describe, expect, it } from "vitest";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { deleteUserOperation } from "../src/graph/users/delete-user.ts";
import { getUserOperation } from "../src/graph/users/get-user.ts";
import { restoreUserOperation } from "../src/graph/users/restore-user.ts";
import { ConflictError, NotFoundError, PermissionError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator();

const graphRequests = () => t.emu.control.monitor.counters().byService.graph ?? 0;

async function deletedUser(signInName: string): Promise<string> {
  const user = await admin.run(createUserOperation, { displayName: signInName, signInName });
  await admin.run(deleteUserOperation, { id: user.id });
  return user.id;
}

describe("user_restore", () => {
  it("brings a deleted user back with its id and sign-in name", async () => {
    const id = await deletedUser("restored@example.com");
    await expect(admin.run(getUserOperation, { id })).rejects.toBeInstanceOf(NotFoundError);
    const restored = await admin.run(restoreUserOperation, { id });
    expect(restored).toMatchObject({ id, displayName: "restored@example.com" });
    expect(restored).not.toHaveProperty("@odata.context");
    const again = await admin.run(getUserOperation, { id, select: ["id", "identities"] });
    expect(JSON.stringify(again.identities)).toContain("restored@example.com");
  });

  it("a user not among the deleted items is a NotFoundError; restoring twice is one", async () => {
    const id = await deletedUser("twice@example.com");
    await admin.run(restoreUserOperation, { id });
    await expect(admin.run(restoreUserOperation, { id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses while another user holds the sign-in name, and the user stays deleted", async () => {
    const id = await deletedUser("taken@example.com");
    await admin.run(createUserOperation, { displayName: "Newcomer", signInName: "taken@example.com" });
    const error = await admin.run(restoreUserOperation, { id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).requestId).toBeTruthy();
    await expect(admin.run(getUserOperation, { id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("takes an object id only: a userPrincipalName is refused before any request", async () => {
    const before = graphRequests();
    await expect(
      admin.run(restoreUserOperation, { id: "someone@contoso.onmicrosoft.com" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(graphRequests()).toBe(before);
  });

  it("without User.ReadWrite.All the error names the permission and how to grant it", async () => {
    const id = await deletedUser("guarded@example.com");
    const { client } = await limitedClient(t, admin, ["User.Read.All"]);
    const error = await client.run(restoreUserOperation, { id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toContain("User.ReadWrite.All");
    expect((error as Error).message).toContain("ciam app grant --permission User.ReadWrite.All");
    await client.close();
  });
});
