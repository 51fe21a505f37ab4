import { describe, expect, it } from "vitest";
import { importUsersOperation } from "../src/bulk/user-import-operation.ts";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { findUserOperation } from "../src/graph/users/find-user.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { seededClient } from "./helpers/seeded-client.ts";

// An operation's `permissions` is what errors and docs tell an admin to grant: an app holding exactly
// those must be able to run it. These operations look up the tenant's default domain (GET /organization)
// as the issuer of local accounts, which needs Organization.Read.All besides the user permission.
const { t } = useCoreEmulator();

describe("an app granted exactly the declared permissions", () => {
  it("creates a customer (user_create)", async () => {
    const client = seededClient(t, "creator", createUserOperation.permissions);
    const created = await client.run(createUserOperation, {
      displayName: "Declared Permissions",
      signInName: "declared@example.com",
    });
    expect(created.id).toBeTruthy();
  });

  it("finds a customer by sign-in name (user_find)", async () => {
    const client = seededClient(t, "finder", findUserOperation.permissions);
    const found = await client.run(findUserOperation, { issuerAssignedId: "declared@example.com" });
    expect(found.users.map((u) => u.displayName)).toEqual(["Declared Permissions"]);
  });

  it("imports customers given inline (user_import)", async () => {
    const client = seededClient(t, "importer", importUsersOperation.permissions);
    const report = await client.run(importUsersOperation, {
      rows: [
        { displayName: "Row One", signInName: "row.one@example.com", password: "Xy7!pass-word-1" },
        { displayName: "Row Two", signInName: "row.two@example.com", password: "Xy7!pass-word-2" },
      ],
    });
    expect(report.created).toBe(2);
  });
});
