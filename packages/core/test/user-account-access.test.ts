import { type SecretHash, verifySecret } from "@ciamkit/emulator";
import { describe, expect, it } from "vitest";
import { createUserOperation } from "../src/graph/users/create-user.ts";
import { getUserOperation } from "../src/graph/users/get-user.ts";
import { removeAuthMethodOperation } from "../src/graph/users/remove-auth-method.ts";
import { resetPasswordOperation } from "../src/graph/users/reset-password.ts";
import { updateUserOperation } from "../src/graph/users/update-user.ts";
import { NotFoundError, ValidationError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { missingPermissions } from "./helpers/limited-app.ts";

const { t, client: admin } = useCoreEmulator();

const graphRequests = () => t.emu.control.monitor.counters().byService.graph ?? 0;
const tenantState = () => {
  const state = t.emu.store.tenant(t.tenant.tenantId);
  if (state === undefined) throw new Error("no tenant");
  return state;
};
const storedUser = (id: string) => tenantState().collection("users").get(id) ?? {};
const passwordWorks = (id: string, password: string) =>
  verifySecret(password, tenantState().collection("_userPasswords").get(id) as unknown as SecretHash);

async function customer(signInName: string): Promise<string> {
  return (
    await admin.run(createUserOperation, { displayName: signInName, signInName, password: "Old-pass-123" })
  ).id;
}

/** Registers a method the way a customer's sign-up or MFA set-up would (ciamkit offers no add). */
async function register(id: string, kind: "email" | "phone", body: Record<string, string>): Promise<void> {
  const graph = admin.graph;
  await graph.post(`/users/${id}/authentication/${kind}Methods`, body);
}

/** The message of the InvalidInputError `run` must fail with before any Graph request. */
async function refusedUpFront(run: () => Promise<unknown>): Promise<string> {
  const before = graphRequests();
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(graphRequests()).toBe(before);
  return (error as Error).message;
}

/** The user's authentication methods as user_get lists them. */
async function methodsOf(id: string): Promise<{ method: string; phoneNumber?: string }[]> {
  const user = await admin.run(getUserOperation, { id, authMethods: true });
  return user.authMethods as { method: string; phoneNumber?: string }[];
}

describe("user_password_reset", () => {
  it("sets the given password, ends sessions, and returns no password", async () => {
    const id = await customer("reset@example.com");
    const result = await admin.run(resetPasswordOperation, {
      id,
      password: "New-pass-456",
      forceChange: true,
    });
    expect(result).toEqual({ id });
    expect(passwordWorks(id, "New-pass-456")).toBe(true);
    expect(passwordWorks(id, "Old-pass-123")).toBe(false);
    expect(storedUser(id).passwordProfile).toMatchObject({
      forceChangePasswordNextSignIn: true,
      password: null,
    });
    expect(storedUser(id).signInSessionsValidFromDateTime).toEqual(expect.any(String));
  });

  it("generates a policy-compliant password when none is given and returns it once, never in the logs", async () => {
    const id = await customer("generated@example.com");
    const before = t.logs.length;
    const { password } = await admin.run(resetPasswordOperation, { id });
    expect(password).toMatch(/[a-z]/);
    expect(passwordWorks(id, password ?? "")).toBe(true);
    expect(storedUser(id).passwordProfile).toMatchObject({ forceChangePasswordNextSignIn: false });
    expect(JSON.stringify(t.logs.slice(before))).not.toContain(password);
  });

  it("refuses a password Entra's policy rejects before any request, naming the rule", async () => {
    const id = await customer("weak@example.com");
    expect(
      await refusedUpFront(() => admin.run(resetPasswordOperation, { id, password: "alllowercase" })),
    ).toContain("three of: lower case, upper case, digit, symbol");
    expect(passwordWorks(id, "Old-pass-123")).toBe(true);
  });

  it("an unknown user is a NotFoundError", async () => {
    await expect(
      admin.run(resetPasswordOperation, {
        id: "00000000-0000-0000-0000-00000000dead",
        password: "New-pass-456",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("user_update revokeSessions", () => {
  it("moves the user's session validity to now", async () => {
    const id = await customer("revoke@example.com");
    expect(storedUser(id).signInSessionsValidFromDateTime ?? null).toBeNull();
    expect(await admin.run(updateUserOperation, { id, revokeSessions: true })).toMatchObject({ id });
    expect(storedUser(id).signInSessionsValidFromDateTime).toEqual(expect.any(String));
  });

  it("an unknown user is a NotFoundError; without a permission the error names User.RevokeSessions.All", async () => {
    await expect(
      admin.run(updateUserOperation, { id: "00000000-0000-0000-0000-00000000dead", revokeSessions: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const id = await customer("guarded-revoke@example.com");
    expect(
      await missingPermissions(t, admin, ["User.Read.All"], (client) =>
        client.run(updateUserOperation, { id, revokeSessions: true }),
      ),
    ).toContain("User.RevokeSessions.All");
  });

  it("signs out and blocks sign-in in one call", async () => {
    const id = await customer("block@example.com");
    const user = await admin.run(updateUserOperation, { id, accountEnabled: false, revokeSessions: true });
    expect(user).toMatchObject({ id });
    expect(storedUser(id).accountEnabled).toBe(false);
    expect(storedUser(id).signInSessionsValidFromDateTime).toEqual(expect.any(String));
  });
});

describe("user_get authMethods / user_auth_method_remove", () => {
  it("lists password, email and phone methods by name and removes them, the default last", async () => {
    const id = await customer("methods@example.com");
    await register(id, "email", { emailAddress: "methods@example.com" });
    await register(id, "phone", { phoneNumber: "+1 5555550100", phoneType: "mobile" });
    const items = await methodsOf(id);
    expect(items.map((m) => m.method)).toEqual(["password", "email", "mobile"]);
    expect(items[2]).toMatchObject({ phoneNumber: "+1 5555550100" });

    const refused = await admin
      .run(removeAuthMethodOperation, { id, method: "email" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toContain("default method");
    expect(await admin.run(removeAuthMethodOperation, { id, method: "mobile" })).toEqual({
      id,
      method: "mobile",
      removed: true,
    });
    await admin.run(removeAuthMethodOperation, { id, method: "email" });
    expect((await methodsOf(id)).map((m) => m.method)).toEqual(["password"]);
    await expect(admin.run(removeAuthMethodOperation, { id, method: "email" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses to remove the password before any request, naming user_password_reset", async () => {
    const id = await customer("keep-password@example.com");
    expect(
      await refusedUpFront(() => admin.run(removeAuthMethodOperation, { id, method: "password" })),
    ).toContain("user_password_reset");
  });

  it("without UserAuthenticationMethod.Read.All the listing names the permission", async () => {
    const id = await customer("guarded-methods@example.com");
    expect(
      await missingPermissions(t, admin, ["User.Read.All"], (client) =>
        client.run(getUserOperation, { id, authMethods: true }),
      ),
    ).toContain("UserAuthenticationMethod.Read.All");
  });
});
