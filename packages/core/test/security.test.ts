import { beforeEach, describe, expect, it } from "vitest";
import { deleteCaPolicyOperation } from "../src/graph/security/delete-ca-policy.ts";
import { listAuthMethodsOperation } from "../src/graph/security/list-auth-methods.ts";
import { listCaPoliciesOperation } from "../src/graph/security/list-ca-policies.ts";
import { requireMfaOperation } from "../src/graph/security/require-mfa.ts";
import { setAuthMethodOperation } from "../src/graph/security/set-auth-method.ts";
import { NotFoundError, PermissionError } from "../src/http/errors.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { limitedClient } from "./helpers/limited-app.ts";

const { t: e, client } = useCoreEmulator();
beforeEach(async () => {
  await e.emu.control.reset();
});

const states = async () =>
  Object.fromEntries((await client.run(listAuthMethodsOperation, {})).items.map((m) => [m.id, m.state]));

describe("authentication methods", () => {
  it("lists the policy's methods; email OTP on, SMS off by default", async () => {
    expect(await states()).toMatchObject({ Email: "enabled", Sms: "disabled" });
  });

  it("disables email OTP and enables SMS; setting the same state again changes nothing more", async () => {
    expect(await client.run(setAuthMethodOperation, { id: "Email", state: "disabled" })).toEqual({
      id: "Email",
      state: "disabled",
    });
    await client.run(setAuthMethodOperation, { id: "Sms", state: "enabled" });
    await client.run(setAuthMethodOperation, { id: "Sms", state: "enabled" });
    expect(await states()).toMatchObject({ Email: "disabled", Sms: "enabled" });
  });

  it("a method External ID does not offer, or a state Graph does not know, fails before sending", async () => {
    for (const input of [{ id: "Fido2", state: "enabled" }, { id: "Email", state: "on" }, { id: "Email" }]) {
      await expect(client.run(setAuthMethodOperation, input as never)).rejects.toBeInstanceOf(
        InvalidInputError,
      );
    }
    expect(await states()).toMatchObject({ Email: "enabled", Fido2: "disabled" });
  });

  it("an app that may only read the policy cannot change it; it is told which permission is missing", async () => {
    const reader = (await limitedClient(e, client, ["Policy.Read.All"])).client;
    expect((await reader.run(listAuthMethodsOperation, {})).items.length).toBeGreaterThan(1);
    const error = await reader
      .run(setAuthMethodOperation, { id: "Sms", state: "enabled" })
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).requiredPermissions).toEqual(["Policy.ReadWrite.AuthenticationMethod"]);
    await reader.close();
    expect(await states()).toMatchObject({ Sms: "disabled" });
  });
});

describe("Conditional Access: require MFA", () => {
  const app = (displayName: string) =>
    client.graph.post<{ appId: string }>("/applications", { displayName }).then((a) => a.appId);

  it("creates the report-only policy for apps named by name or client id, then enforces it in place", async () => {
    const shop = await app("shop");
    const blog = await app("blog");
    const first = await client.run(requireMfaOperation, { apps: ["shop", blog], reportOnly: true });
    expect(first).toMatchObject({
      created: true,
      policy: {
        displayName: "Require MFA for customers",
        state: "enabledForReportingButNotEnforced",
        appIds: [shop, blog],
        users: ["All"],
        controls: ["mfa"],
      },
    });
    const second = await client.run(requireMfaOperation, { apps: ["shop"] });
    expect(second).toMatchObject({
      created: false,
      policy: { id: first.policy.id, state: "enabled", appIds: [shop] },
    });
    const raw = await client.graph.get<{ grantControls: { operator: string } }>(
      `/identity/conditionalAccess/policies/${first.policy.id}`,
    );
    expect(raw.grantControls.operator).toBe("OR");
    expect((await client.run(listCaPoliciesOperation, {})).items.map((p) => p.id)).toEqual([first.policy.id]);
    expect(await client.run(deleteCaPolicyOperation, { id: first.policy.id })).toEqual({
      id: first.policy.id,
      deleted: true,
    });
    expect((await client.run(listCaPoliciesOperation, {})).items).toEqual([]);
  });

  it("an app name that matches none or several apps is refused, naming what to give; nothing is created", async () => {
    await app("twin");
    await app("twin");
    for (const [apps, message] of [
      [["nowhere"], "No app registration is named"],
      [["twin"], "2 app registrations are named"],
    ] as const) {
      const error = await client.run(requireMfaOperation, { apps: [...apps] }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain(message);
    }
    await expect(client.run(requireMfaOperation, { apps: [] })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await client.run(listCaPoliciesOperation, {})).items).toEqual([]);
  });

  it("deleting an unknown policy is not found; an app that may only read policies cannot require MFA", async () => {
    await expect(
      client.run(deleteCaPolicyOperation, { id: "6fc5012e-7665-43d6-9708-4370863f4e6e" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const shop = await app("shop");
    const reader = (await limitedClient(e, client, ["Policy.Read.All"])).client;
    expect((await reader.run(listCaPoliciesOperation, {})).items).toEqual([]);
    const error = await reader.run(requireMfaOperation, { apps: [shop] }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    await reader.close();
    expect((await client.run(listCaPoliciesOperation, {})).items).toEqual([]);
  });
});
