import { beforeEach, describe, expect, test } from "vitest";
import { resetWithToken, useTestEmulator } from "./helpers/emulator.ts";
import { appWith, call, type Reply } from "./helpers/graph-calls.ts";

const t = useTestEmulator({ throttling: false });
let token: string;
beforeEach(async () => {
  token = await resetWithToken(t);
});

const POLICY = "/policies/authenticationMethodsPolicy";
const g = (method: string, path: string, body?: unknown, as = token): Promise<Reply> =>
  call(t, as, method, `/v1.0${POLICY}${path}`, body);
const states = async () =>
  Object.fromEntries(
    ((await g("GET", "")).body.authenticationMethodConfigurations as { id: string; state: string }[]).map(
      (c) => [c.id, c.state],
    ),
  );

describe("authentication methods policy", () => {
  test("the policy serves every method inline, email OTP on by default, each with its @odata.type", async () => {
    const r = await g("GET", "");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: "authenticationMethodsPolicy", policyVersion: expect.any(String) });
    const email = r.body.authenticationMethodConfigurations.find((c: { id: string }) => c.id === "Email");
    expect(email).toMatchObject({
      "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration",
      state: "enabled",
      allowExternalIdToUseEmailOtp: "default",
    });
    expect(await states()).toMatchObject({ Email: "enabled", Sms: "disabled", Fido2: "disabled" });
    expect((await g("GET", "/authenticationMethodConfigurations/sms")).body).toMatchObject({
      "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration",
      id: "Sms",
      state: "disabled",
    });
  });

  test("PATCH enables and disables a method (204), audited, and the policy's lastModifiedDateTime moves", async () => {
    const before = (await g("GET", "")).body.lastModifiedDateTime;
    const sms = { "@odata.type": "#microsoft.graph.smsAuthenticationMethodConfiguration", state: "enabled" };
    expect((await g("PATCH", "/authenticationMethodConfigurations/Sms", sms)).status).toBe(204);
    expect(
      (await g("PATCH", "/authenticationMethodConfigurations/Email", { state: "disabled" })).status,
    ).toBe(204);
    expect(await states()).toMatchObject({ Email: "disabled", Sms: "enabled" });
    const after = (await g("GET", "")).body;
    expect(after.lastModifiedDateTime >= before).toBe(true);
    expect(JSON.stringify(after)).not.toContain("_lastModified");
    const audits = await call(t, token, "GET", "/v1.0/auditLogs/directoryAudits");
    expect(audits.body.value.map((a: { activityDisplayName: string }) => a.activityDisplayName)).toContain(
      "Authentication Methods Policy Update",
    );
  });

  test('a Boolean property takes "true" as the FIDO2 update example sends it; other text is refused', async () => {
    const fido2 = "/authenticationMethodConfigurations/fido2";
    const sent = {
      "@odata.type": "#microsoft.graph.fido2AuthenticationMethodConfiguration",
      state: "enabled",
    };
    expect((await g("PATCH", fido2, { ...sent, isAttestationEnforced: "true" })).status).toBe(204);
    expect((await g("GET", fido2)).body).toMatchObject({ state: "enabled", isAttestationEnforced: true });
    expect((await g("PATCH", fido2, { isAttestationEnforced: "yes" })).status).toBe(400);
    expect((await g("GET", fido2)).body.isAttestationEnforced).toBe(true);
  });

  test.each([
    ["an unknown method", "/authenticationMethodConfigurations/Carrier", { state: "enabled" }, 404],
    ["a state Graph does not know", "/authenticationMethodConfigurations/Sms", { state: "on" }, 400],
    [
      "another method's type",
      "/authenticationMethodConfigurations/Sms",
      { "@odata.type": "#microsoft.graph.emailAuthenticationMethodConfiguration", state: "enabled" },
      400,
    ],
    ["an unknown property", "/authenticationMethodConfigurations/Sms", { colour: "red" }, 400],
    ["a new id", "/authenticationMethodConfigurations/Sms", { id: "Text" }, 400],
  ])("refuses %s and changes nothing", async (_name, path, body, status) => {
    expect((await g("PATCH", path, body)).status).toBe(status);
    expect(await states()).toMatchObject({ Email: "enabled", Sms: "disabled" });
  });

  test("Policy.Read.All reads but cannot change a method", async () => {
    const reader = await appWith(t, token, ["Policy.Read.All"]);
    expect((await g("GET", "", undefined, reader.token)).status).toBe(200);
    const r = await g("PATCH", "/authenticationMethodConfigurations/Sms", { state: "enabled" }, reader.token);
    expect(r.status).toBe(403);
    expect(await states()).toMatchObject({ Sms: "disabled" });
  });
});
