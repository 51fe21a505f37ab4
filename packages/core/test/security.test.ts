import { beforeEach, describe, expect, it } from "vitest";
import { listAuthMethodsOperation } from "../src/graph/security/list-auth-methods.ts";
import { setAuthMethodOperation } from "../src/graph/security/set-auth-method.ts";
import { PermissionError } from "../src/http/errors.ts";
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
