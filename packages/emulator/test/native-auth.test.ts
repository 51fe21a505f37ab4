import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { claimsOf } from "./helpers/emulator.ts";
import { customer, useGraphFixture } from "./helpers/graph.ts";
import {
  configureJit,
  encryptionCertificate,
  MIGRATION_FLAG as FLAG,
  type JitApps,
  nativeAuth,
  type Receiver,
  startReceiver,
} from "./helpers/jit.ts";

// Native authentication (sign-in with email and password) and the onPasswordSubmit call of JIT
// password migration, over real HTTPS to the token service and real HTTP to a receiver written in
// the test with jose (decrypts the password context with its private key and echoes the nonce).

const { fx, g } = useGraphFixture({ reset: false });
const OLD_PASSWORD = "Legacy!Passw0rd";
const TEMP_PASSWORD = "Temp-Random#9xQ";

let receiver: Receiver;
let apps: JitApps;
const auth = () => nativeAuth(fx.t.fetch, fx.t.emu.loginUrl, "contoso");
const step = (path: string, fields: Record<string, string>) => auth().step(path, fields);
const initiate = (username: string, challengeType = "password redirect") =>
  step("initiate", { client_id: apps.nativeApp, challenge_type: challengeType, username });
const signIn = (username: string, password: string, clientId = apps.nativeApp) =>
  auth().signIn(clientId, username, password);

async function newCustomer(email: string, flag?: boolean): Promise<string> {
  const body = customer(email, flag === undefined ? {} : { [FLAG]: flag });
  (body.passwordProfile as Record<string, unknown>).password = TEMP_PASSWORD;
  const r = await g.post("/users", body);
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const user = (id: string) => fx.tenant.collection("users").get(id) as Record<string, unknown>;

beforeAll(async () => {
  const jwks = await (await fx.t.fetch(`${fx.t.emu.loginUrl}/contoso/discovery/v2.0/keys`)).json();
  const cert = await encryptionCertificate();
  receiver = await startReceiver(jwks as never, cert.privateKey);
  apps = await configureJit(g, fx.t.emu.graphUrl, receiver.endpoint, cert.der);
});

afterAll(() => receiver?.close());

describe("native authentication sign-in", () => {
  test("a customer signs in with email and password and gets tokens for the app", async () => {
    const id = await newCustomer("ana@example.com");
    const r = await signIn("ana@example.com", TEMP_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer" });
    expect(claimsOf(String(r.body.id_token))).toMatchObject({ aud: apps.nativeApp, oid: id });
    expect(typeof r.body.refresh_token).toBe("string");
    const log = [...fx.tenant.collection("signIns").values()].filter((s) => s.userId === id);
    expect(log.map((s) => (s.status as { errorCode: number }).errorCode)).toEqual([0]);
  });

  test("a password reset through Graph (passwordProfile) is the password the next sign-in checks", async () => {
    const id = await newCustomer("reset@example.com");
    const patched = await g.patch(`/users/${id}`, {
      passwordProfile: { password: "Brand-New#Passw0rd", forceChangePasswordNextSignIn: false },
    });
    expect(patched.status).toBe(204);
    expect((await signIn("reset@example.com", TEMP_PASSWORD)).body).toMatchObject({ error: "invalid_grant" });
    expect((await signIn("reset@example.com", "Brand-New#Passw0rd")).status).toBe(200);
  });

  test("a wrong password is invalid_grant AADSTS50126, logged as a failed sign-in", async () => {
    const id = await newCustomer("ben@example.com");
    const r = await signIn("ben@example.com", "Not-the-password1");
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: "invalid_grant", error_codes: [50126] });
    const log = [...fx.tenant.collection("signIns").values()].filter((s) => s.userId === id);
    expect(log.map((s) => (s.status as { errorCode: number }).errorCode)).toEqual([50126]);
  });

  test("an unknown user is user_not_found", async () => {
    const r = await signIn("nobody@example.com", TEMP_PASSWORD);
    expect(r).toMatchObject({ status: 400, body: { error: "user_not_found" } });
  });

  test("an app without native authentication is invalid_client / nativeauthapi_disabled", async () => {
    await newCustomer("cara@example.com");
    const r = await signIn("cara@example.com", TEMP_PASSWORD, apps.plainApp);
    expect(r).toMatchObject({
      status: 400,
      body: { error: "invalid_client", suberror: "nativeauthapi_disabled" },
    });
  });

  test("an app that cannot take a password is told to redirect; a list without redirect is refused", async () => {
    await newCustomer("dan@example.com");
    const r = await initiate("dan@example.com", "oob redirect");
    expect(r).toMatchObject({ status: 200, body: { challenge_type: "redirect" } });
    const bad = await initiate("dan@example.com", "password");
    expect(bad).toMatchObject({ status: 400, body: { error: "unsupported_challenge_type" } });
  });

  test("an expired continuation token is expired_token", async () => {
    await newCustomer("fay@example.com");
    const init = await initiate("fay@example.com");
    fx.tick(11 * 60_000);
    try {
      const r = await step("challenge", {
        client_id: apps.nativeApp,
        continuation_token: String(init.body.continuation_token),
      });
      expect(r).toMatchObject({ status: 400, body: { error: "expired_token", error_codes: [552003] } });
    } finally {
      vi.useRealTimers();
    }
  });

  test("a continuation token is good once", async () => {
    await newCustomer("eve@example.com");
    const init = await initiate("eve@example.com");
    const fields = { client_id: apps.nativeApp, continuation_token: String(init.body.continuation_token) };
    expect((await step("challenge", fields)).status).toBe(200);
    expect(await step("challenge", fields)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });
});

describe("onPasswordSubmit (JIT password migration)", () => {
  test("Graph takes an https or loopback http targetUrl, not http elsewhere", async () => {
    const r = await g.post(`${fx.t.emu.graphUrl}/beta/identity/customAuthenticationExtensions`, {
      "@odata.type": "#microsoft.graph.onPasswordSubmitCustomExtension",
      displayName: "Plain http",
      endpointConfiguration: {
        "@odata.type": "#microsoft.graph.httpRequestEndpoint",
        targetUrl: "http://jit.example.com/api",
      },
      authenticationConfiguration: {
        "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
        resourceId: "api://x",
      },
    });
    expect(r.status).toBe(400);
    expect(r.error?.message).toContain("CustomExtensionIncorrectTargetUrlFormat");
  });

  test("MigratePassword: the old password works, becomes the user's, the flag clears; the next sign-in does not call", async () => {
    receiver.mode = "migrate";
    const id = await newCustomer("mig@example.com", true);
    const before = receiver.calls;
    const r = await signIn("mig@example.com", OLD_PASSWORD);
    expect(r.status).toBe(200);
    expect(receiver.calls).toBe(before + 1);
    expect(receiver.passwords.at(-1)).toBe(OLD_PASSWORD);
    expect(receiver.tokens.at(-1)).toMatchObject({ azp: "99045fe1-7639-4a75-9d4a-577b6ca3810f" });
    expect(user(id)[FLAG]).toBe(false);
    const again = await signIn("mig@example.com", OLD_PASSWORD);
    expect(again.status).toBe(200);
    expect(receiver.calls).toBe(before + 1);
    expect((await signIn("mig@example.com", TEMP_PASSWORD)).body).toMatchObject({ error: "invalid_grant" });
    const audits = [...fx.tenant.collection("directoryAudits").values()].filter(
      (a) => (a.targetResources as { id: string }[])[0]?.id === id && a.activityDisplayName === "Update user",
    );
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(OLD_PASSWORD);
  });

  test("a flagged user signing in to an app the listener does not name is checked without a call", async () => {
    receiver.mode = "migrate";
    const before = receiver.calls;
    const id = await newCustomer("elsewhere@example.com", true);
    expect((await signIn("elsewhere@example.com", OLD_PASSWORD, apps.otherNativeApp)).body).toMatchObject({
      error: "invalid_grant",
    });
    expect((await signIn("elsewhere@example.com", TEMP_PASSWORD, apps.otherNativeApp)).status).toBe(200);
    expect(receiver.calls).toBe(before);
    expect(user(id)[FLAG]).toBe(true);
  });

  test("MigratePassword of a password Entra's policy refuses asks for a password change; nothing migrated", async () => {
    receiver.mode = "migrate";
    const id = await newCustomer("weak@example.com", true);
    const r = await signIn("weak@example.com", "abc");
    expect(r).toMatchObject({ status: 200, body: { challenge_type: "redirect" } });
    expect(user(id)[FLAG]).toBe(true);
  });

  test("a user whose flag is false or unset is checked against the stored password, without a call", async () => {
    const before = receiver.calls;
    await newCustomer("done@example.com", false);
    await newCustomer("unset@example.com");
    expect((await signIn("done@example.com", TEMP_PASSWORD)).status).toBe(200);
    expect((await signIn("unset@example.com", TEMP_PASSWORD)).status).toBe(200);
    expect(receiver.calls).toBe(before);
  });

  test.each([
    ["retry", { error: "invalid_grant", error_codes: [50126] }],
    ["block", { error: "invalid_grant", error_codes: [50053] }],
    ["update", { challenge_type: "redirect" }],
    ["bad-nonce", { error: "invalid_request", error_codes: [1003003] }],
    ["500", { error: "invalid_request", error_codes: [1003002] }],
    ["slow", { error: "invalid_request", error_codes: [1003005] }],
  ] as const)("%s: the sign-in does not succeed and nothing is migrated", async (mode, expected) => {
    receiver.mode = mode;
    const id = await newCustomer(`${mode}@example.com`, true);
    const r = await signIn(`${mode}@example.com`, OLD_PASSWORD);
    expect(r.body).toMatchObject(expected);
    expect(r.body.access_token).toBeUndefined();
    expect(user(id)[FLAG]).toBe(true);
    // The temporary password still stands; the old one was not stored.
    receiver.mode = "retry";
    expect((await signIn(`${mode}@example.com`, OLD_PASSWORD)).body).toMatchObject({
      error: "invalid_grant",
    });
  });

  test("the endpoint down: the sign-in fails cleanly, nothing migrated", async () => {
    const id = await newCustomer("down@example.com", true);
    await receiver.close();
    const r = await signIn("down@example.com", OLD_PASSWORD);
    expect(r.body).toMatchObject({ error: "invalid_request", error_codes: [1003001] });
    expect(user(id)[FLAG]).toBe(true);
  });
});
