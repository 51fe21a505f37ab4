// `ciam user …` and `ciam group …` for a customer's account as an admin handles it: a password reset
// (given on stdin, or generated and shown once), sign-in methods, deleted items, owners, app roles.
import { type SecretHash, verifySecret } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciam, cmd, json, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let userId = "";
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  userId = json<{ id: string }>(
    await ciam(
      cmd`user create --display-name ${"Cli Customer"} --sign-in-name cli.customer@example.com -o json`,
      t.env,
    ),
  ).id;
}, 60_000);
afterAll(async () => t?.close());

const tenant = () => t.emulator.store.tenant(t.emulator.tenants[0]?.tenantId ?? "");
const passwordIs = (password: string) =>
  verifySecret(password, tenant()?.collection("_userPasswords").get(userId) as unknown as SecretHash);

describe("ciam user password-reset", () => {
  it("--password-stdin sets the piped password and prints none", async () => {
    const run = await ciam(
      cmd`user password-reset --id ${userId} --password-stdin --force-change -o json`,
      t.env,
      "Piped-Reset-42",
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(json(run)).toEqual({ id: userId });
    expect(passwordIs("Piped-Reset-42")).toBe(true);
    expect(tenant()?.collection("users").get(userId)?.passwordProfile).toMatchObject({
      forceChangePasswordNextSignIn: true,
    });
  });

  it("without a password prints the generated one once, and it is the one set", async () => {
    const run = await ciam(cmd`user password-reset --id ${userId} -o json`, t.env);
    expect(run.status).toBe(0);
    const { password } = json<{ password: string }>(run);
    expect(passwordIs(password)).toBe(true);
    expect(run.stderr).not.toContain(password);
  });

  it("a password Entra refuses is a usage error (exit 2) and nothing changes", async () => {
    const before = t.requests();
    const run = await ciam(cmd`user password-reset --id ${userId} --password-stdin`, t.env, "short");
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("password must have 8 to 256 characters");
    expect(t.requests()).toBe(before);
  });
});

describe("ciam user/group: sign-in methods, owners, deleted items", () => {
  it("user get --auth-methods lists the password; auth-method-remove --method password is refused", async () => {
    const got = await ciam(cmd`user get --id ${userId} --auth-methods -o json`, t.env);
    expect(json<{ authMethods: { method: string }[] }>(got).authMethods).toEqual([{ method: "password" }]);
    const refused = await ciam(cmd`user auth-method-remove --id ${userId} --method password --yes`, t.env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("user_password_reset");
  });

  it("group member-add by sign-in name with --owner, member-list --owner; delete, list --deleted, restore", async () => {
    const group = json<{ id: string }>(
      await ciam(cmd`group create --display-name ${"Cli owners"} -o json`, t.env),
    );
    const added = await ciam(
      cmd`group member-add --id ${group.id} --member-ids cli.customer@example.com --owner -o json`,
      t.env,
    );
    expect(json(added)).toEqual({ results: [{ memberId: userId, status: "added" }] });
    const owners = await ciam(cmd`group member-list --id ${group.id} --owner --query [].id -o tsv`, t.env);
    expect(owners.stdout.trim()).toBe(userId);
    expect((await ciam(cmd`group delete --id ${group.id} --yes`, t.env)).status).toBe(0);
    const deleted = await ciam(cmd`group list --deleted --query [].id -o tsv`, t.env);
    expect(deleted.stdout.trim().split("\n")).toContain(group.id);
    const restored = await ciam(cmd`group restore --id ${group.id} -o json`, t.env);
    expect(json<{ id: string }>(restored).id).toBe(group.id);
  });
});
