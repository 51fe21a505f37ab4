import { describe, expect, it } from "vitest";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { deleteUserOperation } from "../src/graph/users/delete-user.ts";
import { findUserOperation } from "../src/graph/users/find-user.ts";
import { getUserOperation } from "../src/graph/users/get-user.ts";
import { listUsersOperation } from "../src/graph/users/list-users.ts";
import { updateUserOperation } from "../src/graph/users/update-user.ts";
import {
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  ThrottledError,
} from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator({ clearFaults: true });

const graphRequests = () => t.emu.control.monitor.counters().byService.graph ?? 0;

describe("user operations against the emulator", () => {
  it("create, find, get, update, list and delete a local customer account", async () => {
    const created = await admin.run(createUserOperation, {
      displayName: "Marie Curie",
      signInName: "marie@example.com",
      password: "Radium!Polonium1898",
      givenName: "Marie",
    });
    expect(created).toMatchObject({ displayName: "Marie Curie", mail: "marie@example.com" });
    expect(JSON.stringify(created)).not.toContain("Radium!Polonium1898");

    const found = await admin.run(findUserOperation, { issuerAssignedId: "marie@example.com" });
    expect(found.users.map((u) => u.id)).toEqual([created.id]);
    expect(found.users[0]?.identities).toContainEqual({
      signInType: "emailAddress",
      issuer: "contoso.onmicrosoft.com",
      issuerAssignedId: "marie@example.com",
    });

    const updated = await admin.run(updateUserOperation, {
      id: created.id,
      displayName: "Marie Skłodowska-Curie",
      accountEnabled: false,
    });
    expect(updated.displayName).toBe("Marie Skłodowska-Curie");
    const got = await admin.run(getUserOperation, {
      id: created.id,
      select: ["id", "accountEnabled", "displayName"],
    });
    expect(got.accountEnabled).toBe(false);
    // Graph's metadata URL is not a property of the user: the CLI and MCP results must not show it.
    for (const user of [created, updated, got]) expect(user).not.toHaveProperty(["@odata.context"]);

    const listed = await admin.run(listUsersOperation, { displayNameStartsWith: "Marie S", limit: 10 });
    expect(listed.items.map((u) => u.id)).toEqual([created.id]);

    expect(await admin.run(deleteUserOperation, { id: created.id })).toEqual({
      id: created.id,
      deleted: true,
    });
    await expect(admin.run(getUserOperation, { id: created.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("pages with a cursor until every user has been seen exactly once", async () => {
    await t.control("POST", "/seed", { tenant: "contoso", users: 25 });
    const all = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.run(listUsersOperation, {
        limit: 7,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const u of page.items) {
        expect(all.has(u.id)).toBe(false);
        all.add(u.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 50);
    const total = t.emu.store.tenant(t.tenant.tenantId)?.collection("users").size;
    expect(all.size).toBe(total);
  });

  it("a hostile filter value matches nothing instead of everything", async () => {
    const result = await admin.run(listUsersOperation, {
      displayNameStartsWith: "x' or 1 eq 1 or 'a",
      limit: 10,
    });
    expect(result.items).toEqual([]);
  });

  it("a taken sign-in name is a ConflictError", async () => {
    await admin.run(createUserOperation, { displayName: "Twin", signInName: "twin@example.com" });
    const error = await admin
      .run(createUserOperation, { displayName: "Twin 2", signInName: "twin@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).requestId).toBeTruthy();
  });

  it("an unknown id is a NotFoundError", async () => {
    const error = await admin
      .run(getUserOperation, { id: "00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe("Request_ResourceNotFound");
  });

  it("bad input is refused before any request", async () => {
    const before = graphRequests();
    await expect(
      admin.run(createUserOperation, { displayName: "X", signInName: "not-an-email" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(admin.run(updateUserOperation, { id: "x" })).rejects.toThrow(/Nothing to update/);
    expect(graphRequests()).toBe(before);
  });

  it("a missing permission names it and how to grant it", async () => {
    const { client } = await limitedClient(t, admin, ["User.Read.All"]);
    const listed = await client.run(listUsersOperation, { limit: 1 });
    expect(listed.items).toHaveLength(1);
    const error = await client
      .run(createUserOperation, { displayName: "Nope", signInName: "nope@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionError);
    // The app lacks both: the user write, and the default domain's read (the issuer of the sign-in name).
    expect((error as PermissionError).requiredPermissions).toEqual([
      "User.ReadWrite.All",
      "Organization.Read.All",
    ]);
    expect((error as Error).message).toContain("ciam app grant --permission User.ReadWrite.All");
    await client.close();
  });

  it("throttled writes wait for Retry-After and succeed; with no retries left the caller gets a ThrottledError", async () => {
    await t.control("PUT", "/throttling", { enabled: true, timeScale: 150, limits: { appTenantWrites: 2 } });
    await t.control("DELETE", "/counters");
    for (let i = 0; i < 4; i++)
      await admin.run(createUserOperation, {
        displayName: `Paced ${i}`,
        signInName: `paced${i}@example.com`,
      });
    const counters = t.emu.control.monitor.counters();
    expect(counters.throttled).toBeGreaterThan(0);
    expect(counters.earlyRetries).toBe(0);

    const impatient = t.client({ retry: { maxRetries: 0 } });
    const errors = [];
    for (let i = 0; i < 3; i++) {
      errors.push(
        await impatient
          .run(createUserOperation, { displayName: `Hasty ${i}`, signInName: `hasty${i}@example.com` })
          .catch((e: unknown) => e),
      );
    }
    const throttled = errors.find((e) => e instanceof ThrottledError) as ThrottledError | undefined;
    expect(throttled?.status).toBe(429);
    expect(throttled?.retryAfterMs).toBeGreaterThan(0);
  });

  it("a dropped connection: a GET is retried; a POST whose answer was lost is not (the write happened)", async () => {
    await t.control("PUT", "/faults", {
      rules: [{ method: "GET", path: "/users", fault: { kind: "drop", when: "before" }, times: 1 }],
    });
    const listed = await admin.run(listUsersOperation, { limit: 1 });
    expect(listed.items).toHaveLength(1);

    await t.control("PUT", "/faults", {
      rules: [{ method: "POST", path: "/users", fault: { kind: "drop", when: "after" }, times: 1 }],
    });
    const error = await admin
      .run(createUserOperation, { displayName: "Lost", signInName: "lost@example.com" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).requestMayHaveBeenSent).toBe(true);
    const found = await admin.run(findUserOperation, { issuerAssignedId: "lost@example.com" });
    expect(found.users).toHaveLength(1);
  });
});
