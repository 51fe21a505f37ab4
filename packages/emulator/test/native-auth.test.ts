import { createPrivateKey, randomUUID, webcrypto } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { compactDecrypt, createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { selfSignedCertificate } from "./helpers/certificate.ts";
import { claimsOf, form } from "./helpers/emulator.ts";
import { customer, useGraphFixture } from "./helpers/graph.ts";

// Native authentication (sign-in with email and password) and the onPasswordSubmit call of JIT
// password migration, over real HTTPS to the token service and real HTTP to a receiver written here
// with jose (decrypts the password context with its private key and echoes the nonce).

const { fx, g } = useGraphFixture({ reset: false });
const FLAG = "extension_0123456789abcdef0123456789abcdef_RequiresMigration";
const OLD_PASSWORD = "Legacy!Passw0rd";
const TEMP_PASSWORD = "Temp-Random#9xQ";

type Mode = "migrate" | "retry" | "block" | "update" | "bad-nonce" | "slow" | "500";
const receiver = { mode: "migrate" as Mode, calls: 0, passwords: [] as string[], audiences: [] as unknown[] };
let server: Server;
let endpoint: string;
let privateKey: ReturnType<typeof createPrivateKey>;
let nativeApp: string;
let plainApp: string;
let otherNativeApp: string;

async function json(r: Response) {
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

async function step(path: string, fields: Record<string, string>) {
  return json(await fx.t.fetch(`${fx.t.emu.loginUrl}/contoso/oauth2/v2.0/${path}`, form(fields)));
}

/** initiate → challenge → token, as the reference page's sign-in steps. */
async function signIn(username: string, password: string, clientId = nativeApp) {
  const types = "password redirect";
  const init = await step("initiate", { client_id: clientId, challenge_type: types, username });
  if (typeof init.body.continuation_token !== "string") return init;
  const ch = await step("challenge", {
    client_id: clientId,
    challenge_type: types,
    continuation_token: init.body.continuation_token,
  });
  expect(ch.body).toMatchObject({ challenge_type: "password" });
  return step("token", {
    client_id: clientId,
    grant_type: "password",
    continuation_token: String(ch.body.continuation_token),
    password,
    scope: "openid offline_access",
  });
}

async function newCustomer(email: string, flag?: boolean): Promise<string> {
  const body = customer(email, flag === undefined ? {} : { [FLAG]: flag });
  (body.passwordProfile as Record<string, unknown>).password = TEMP_PASSWORD;
  const r = await g.post("/users", body);
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const user = (id: string) => fx.tenant.collection("users").get(id) as Record<string, unknown>;

beforeAll(async () => {
  const jwks = createLocalJWKSet(
    (await (await fx.t.fetch(`${fx.t.emu.loginUrl}/contoso/discovery/v2.0/keys`)).json()) as never,
  );
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      receiver.calls++;
      const token = String(req.headers.authorization).replace(/^Bearer /, "");
      const { payload } = await jwtVerify(token, jwks);
      receiver.audiences.push({ aud: payload.aud, azp: payload.azp, iss: payload.iss });
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const { plaintext } = await compactDecrypt(body.data.encryptedPasswordContext, privateKey);
      const inner = JSON.parse(
        Buffer.from(new TextDecoder().decode(plaintext).split(".")[1] as string, "base64url").toString(),
      );
      receiver.passwords.push(inner["user-password"]);
      if (receiver.mode === "500") return res.writeHead(500).end();
      const action = { migrate: "MigratePassword", retry: "Retry", block: "Block", update: "UpdatePassword" }[
        receiver.mode as "migrate"
      ];
      const answer = {
        data: {
          "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
          actions: [
            {
              "@odata.type": `microsoft.graph.passwordsubmit.${action ?? "MigratePassword"}`,
              ...(receiver.mode === "block" ? { title: "Locked", message: "Call support" } : {}),
            },
          ],
          nonce: receiver.mode === "bad-nonce" ? "not-the-nonce" : inner.nonce,
        },
      };
      const send = () =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      if (receiver.mode === "slow") setTimeout(send, 1500);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jit`;

  const app = async (body: Record<string, unknown>) => {
    const r = await g.post("/applications", body);
    expect(r.status).toBe(201);
    expect((await g.post("/servicePrincipals", { appId: r.body.appId })).status).toBe(201);
    return r.body as { id: string; appId: string };
  };
  nativeApp = (
    await app({
      displayName: "Native app",
      isFallbackPublicClient: true,
      nativeAuthenticationApisEnabled: "all",
    })
  ).appId;
  plainApp = (await app({ displayName: "Browser app", isFallbackPublicClient: true })).appId;
  otherNativeApp = (
    await app({
      displayName: "Other native app",
      isFallbackPublicClient: true,
      nativeAuthenticationApisEnabled: "all",
    })
  ).appId;
  // The extension app: its encryption certificate (usage Encrypt, tokenEncryptionKeyId) and identifier URI.
  const cert = await selfSignedCertificate("CN=jit-encryption");
  privateKey = createPrivateKey({
    key: Buffer.from(await webcrypto.subtle.exportKey("pkcs8", cert.privateKey)),
    format: "der",
    type: "pkcs8",
  });
  const ext = await app({ displayName: "JIT extension" });
  const keyId = randomUUID();
  const resourceId = `api://127.0.0.1/${ext.appId}`;
  const patched = await g.patch(`/applications/${ext.id}`, {
    identifierUris: [resourceId],
    keyCredentials: [
      {
        keyId,
        type: "AsymmetricX509Cert",
        usage: "Encrypt",
        key: cert.der,
        displayName: "CN=jit-encryption",
      },
    ],
    tokenEncryptionKeyId: keyId,
  });
  expect(patched.status).toBe(204);
  const extension = await g.post(`${fx.t.emu.graphUrl}/beta/identity/customAuthenticationExtensions`, {
    "@odata.type": "#microsoft.graph.onPasswordSubmitCustomExtension",
    displayName: "JIT migration",
    endpointConfiguration: { "@odata.type": "#microsoft.graph.httpRequestEndpoint", targetUrl: endpoint },
    authenticationConfiguration: { "@odata.type": "#microsoft.graph.azureAdTokenAuthentication", resourceId },
    clientConfiguration: { timeoutInMilliseconds: 1000, maximumRetries: 1 },
  });
  expect(extension.status).toBe(201);
  const listener = await g.post(`${fx.t.emu.graphUrl}/beta/identity/authenticationEventListeners`, {
    "@odata.type": "#microsoft.graph.onPasswordSubmitListener",
    conditions: {
      applications: { includeAllApplications: false, includeApplications: [{ appId: nativeApp }] },
    },
    priority: 500,
    handler: {
      "@odata.type": "#microsoft.graph.onPasswordMigrationCustomExtensionHandler",
      migrationPropertyId: FLAG,
      customExtension: { id: extension.body.id },
    },
  });
  expect(listener.status).toBe(201);
});

afterAll(
  () => new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))),
);

describe("native authentication sign-in", () => {
  test("a customer signs in with email and password and gets tokens for the app", async () => {
    const id = await newCustomer("ana@example.com");
    const r = await signIn("ana@example.com", TEMP_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer" });
    expect(claimsOf(String(r.body.id_token))).toMatchObject({ aud: nativeApp, oid: id });
    expect(typeof r.body.refresh_token).toBe("string");
    const log = [...fx.tenant.collection("signIns").values()].filter((s) => s.userId === id);
    expect(log.map((s) => (s.status as { errorCode: number }).errorCode)).toEqual([0]);
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
    const r = await signIn("cara@example.com", TEMP_PASSWORD, plainApp);
    expect(r).toMatchObject({
      status: 400,
      body: { error: "invalid_client", suberror: "nativeauthapi_disabled" },
    });
  });

  test("an app that cannot take a password is told to redirect; a list without redirect is refused", async () => {
    await newCustomer("dan@example.com");
    const r = await step("initiate", {
      client_id: nativeApp,
      challenge_type: "oob redirect",
      username: "dan@example.com",
    });
    expect(r).toMatchObject({ status: 200, body: { challenge_type: "redirect" } });
    const bad = await step("initiate", {
      client_id: nativeApp,
      challenge_type: "password",
      username: "dan@example.com",
    });
    expect(bad).toMatchObject({ status: 400, body: { error: "unsupported_challenge_type" } });
  });

  test("an expired continuation token is expired_token", async () => {
    await newCustomer("fay@example.com");
    const init = await step("initiate", {
      client_id: nativeApp,
      challenge_type: "password redirect",
      username: "fay@example.com",
    });
    fx.tick(11 * 60_000);
    try {
      const r = await step("challenge", {
        client_id: nativeApp,
        continuation_token: String(init.body.continuation_token),
      });
      expect(r).toMatchObject({ status: 400, body: { error: "expired_token", error_codes: [552003] } });
    } finally {
      vi.useRealTimers();
    }
  });

  test("a continuation token is good once", async () => {
    await newCustomer("eve@example.com");
    const init = await step("initiate", {
      client_id: nativeApp,
      challenge_type: "password redirect",
      username: "eve@example.com",
    });
    const fields = { client_id: nativeApp, continuation_token: String(init.body.continuation_token) };
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
    expect(receiver.audiences.at(-1)).toMatchObject({ azp: "99045fe1-7639-4a75-9d4a-577b6ca3810f" });
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
    expect((await signIn("elsewhere@example.com", OLD_PASSWORD, otherNativeApp)).body).toMatchObject({
      error: "invalid_grant",
    });
    expect((await signIn("elsewhere@example.com", TEMP_PASSWORD, otherNativeApp)).status).toBe(200);
    expect(receiver.calls).toBe(before);
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
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const r = await signIn("down@example.com", OLD_PASSWORD);
    expect(r.body).toMatchObject({ error: "invalid_request", error_codes: [1003001] });
    expect(user(id)[FLAG]).toBe(true);
  });
});
