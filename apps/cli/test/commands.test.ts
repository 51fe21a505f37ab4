import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
});
afterAll(async () => t?.close());

interface Item {
  id: string;
  displayName?: string;
  appId?: string;
}

describe("catalog commands against the emulator, one area after another", () => {
  it("organization get", async () => {
    const run = await ciam(["organization", "get", "-o", "json"], t.env);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(json<{ displayName: string }>(run).displayName).toBe("Contoso");
  });

  it("user: create, get, find, update, list, delete", async () => {
    const created = json<Item>(
      await ciam(
        [
          "user",
          "create",
          "--display-name",
          "Marie Curie",
          "--sign-in-name",
          "marie@example.com",
          "-o",
          "json",
        ],
        t.env,
      ),
    );
    expect(created.displayName).toBe("Marie Curie");
    const got = json<Item>(await ciam(["user", "get", "--id", created.id, "-o", "json"], t.env));
    expect(got.id).toBe(created.id);
    const found = await ciam(
      ["user", "find", "--issuer-assigned-id", "marie@example.com", "-o", "json"],
      t.env,
    );
    expect(found.status).toBe(0);
    expect(found.stdout).toContain(created.id);
    const updated = await ciam(["user", "update", "--id", created.id, "--account-enabled", "false"], t.env);
    expect(updated.status).toBe(0);
    const list = json<Item[]>(
      await ciam(["user", "list", "--display-name-starts-with", "Marie", "-o", "json"], t.env),
    );
    expect(list.map((u) => u.id)).toEqual([created.id]);
    const deleted = await ciam(["user", "delete", "--id", created.id, "--yes", "-o", "json"], t.env);
    expect(deleted.status).toBe(0);
    expect(json(deleted)).toEqual({ id: created.id, deleted: true });
    expect((await ciam(["user", "get", "--id", created.id], t.env)).status).toBe(5);
  });

  it("group: create, member-add (repeatable flag), member-list, member-remove, update, delete", async () => {
    const users = json<Item[]>(await ciam(["user", "list", "-o", "json"], t.env));
    const [a, b] = users;
    const group = json<Item>(
      await ciam(["group", "create", "--display-name", "Beta testers", "-o", "json"], t.env),
    );
    const add = await ciam(
      [
        "group",
        "member-add",
        "--id",
        group.id,
        "--member-ids",
        a?.id ?? "",
        "--member-ids",
        b?.id ?? "",
        "-o",
        "json",
      ],
      t.env,
    );
    expect(add.status).toBe(0);
    expect(json<{ results: { status: string }[] }>(add).results.map((r) => r.status)).toEqual([
      "added",
      "added",
    ]);
    const members = json<Item[]>(await ciam(["group", "member-list", "--id", group.id, "-o", "json"], t.env));
    expect(members.map((m) => m.id).sort()).toEqual([a?.id, b?.id].sort());
    // Removing a member takes away what the group grants: without a terminal it needs --yes.
    const remove = ["group", "member-remove", "--id", group.id, "--member-id", a?.id ?? ""];
    expect((await ciam(remove, t.env)).status).toBe(2);
    expect((await ciam([...remove, "--yes"], t.env)).status).toBe(0);
    expect(
      (await ciam(["group", "update", "--id", group.id, "--description", "early access"], t.env)).status,
    ).toBe(0);
    const groups = json<Item[]>(
      await ciam(["group", "list", "--display-name-starts-with", "Beta", "-o", "json"], t.env),
    );
    expect(groups.map((g) => g.id)).toContain(group.id);
    expect((await ciam(["group", "delete", "--id", group.id, "--yes"], t.env)).status).toBe(0);
  });

  it("app and service-principal: create, password-add, grant, grant-list, revoke, delete", async () => {
    const app = json<Item>(
      await ciam(["app", "create", "--display-name", "Storefront", "-o", "json"], t.env),
    );
    expect(app.appId).toMatch(/^[0-9a-f-]{36}$/);
    const sp = await ciam(["service-principal", "create", "--app-id", app.appId ?? "", "-o", "json"], t.env);
    expect(sp.status).toBe(0);
    const got = await ciam(["service-principal", "get", "--app-id", app.appId ?? "", "-o", "json"], t.env);
    expect(json<{ appId: string }>(got).appId).toBe(app.appId);
    const password = await ciam(["app", "password-add", "--app-id", app.appId ?? "", "-o", "json"], t.env);
    expect(password.status).toBe(0);
    const grant = await ciam(
      ["app", "grant", "--app-id", app.appId ?? "", "--permission", "User.Read.All"],
      t.env,
    );
    expect(grant.status).toBe(0);
    const grants = await ciam(["app", "grant-list", "--app-id", app.appId ?? "", "-o", "json"], t.env);
    expect(grants.stdout).toContain("User.Read.All");
    const revoke = await ciam(
      ["app", "revoke", "--app-id", app.appId ?? "", "--permission", "User.Read.All", "--yes"],
      t.env,
    );
    expect(revoke.status).toBe(0);
    const apps = json<Item[]>(await ciam(["app", "list", "-o", "json"], t.env));
    expect(apps.map((x) => x.id)).toContain(app.id);
    expect((await ciam(["app", "get", "--id", app.id, "-o", "json"], t.env)).status).toBe(0);
    expect((await ciam(["app", "delete", "--id", app.id, "--yes"], t.env)).status).toBe(0);
  });

  it("audit-log: directory-list and sign-in-list", async () => {
    const audits = await ciam(["audit-log", "directory-list", "-o", "json"], t.env);
    expect(audits.status).toBe(0);
    expect(Array.isArray(json(audits))).toBe(true);
    const signIns = await ciam(["audit-log", "sign-in-list", "-o", "json"], t.env);
    expect(signIns.status).toBe(0);
    expect(Array.isArray(json(signIns))).toBe(true);
  });
});
