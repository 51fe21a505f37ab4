import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import {
  callbackVerifier,
  createPasswordMigrationHandler,
  type PasswordMigrationHandlerOptions,
  type VerificationInput,
} from "../src/index.ts";
import { passwordSubmit, TEST_USER } from "./helpers/fake-tenant.ts";
import { useFakeTenant } from "./helpers/use-fake-tenant.ts";

const tenant = useFakeTenant();
const PASSWORD = "Correct-Horse-7";

function handlerWith(overrides: Partial<PasswordMigrationHandlerOptions> = {}) {
  const calls: VerificationInput[] = [];
  const handler = createPasswordMigrationHandler({
    tenantId: tenant.tenantId,
    audience: [tenant.appId, tenant.resourceUri],
    discoveryUrl: tenant.discoveryUrl,
    privateKey: tenant.privateKeyPem,
    verifier: callbackVerifier((input) => {
      calls.push(input);
      if (input.password === "blocked-in-legacy")
        return { result: "block", title: "Locked", message: "Call us." };
      return input.password === PASSWORD;
    }),
    ...overrides,
  });
  return { handler, calls };
}

async function call(
  handler: (r: Request) => Promise<Response>,
  options: { password?: string; nonce?: string; token?: string } = {},
) {
  const nonce = options.nonce ?? randomUUID();
  const context = await tenant.encrypt({ "user-password": options.password ?? PASSWORD, nonce });
  const response = await handler(
    passwordSubmit(options.token ?? (await tenant.token()), tenant.body(context)),
  );
  return { response, nonce, json: response.status === 200 ? await response.json() : undefined };
}

const action = (json: unknown) =>
  (json as { data: { actions: { "@odata.type": string; title?: string; message?: string }[] } }).data
    .actions[0];

describe("createPasswordMigrationHandler: answers", () => {
  it("answers MigratePassword with the nonce echoed when the verifier accepts the password", async () => {
    const { handler, calls } = handlerWith();
    const { response, json, nonce } = await call(handler);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json).toEqual({
      data: {
        "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
        actions: [{ "@odata.type": "microsoft.graph.passwordsubmit.MigratePassword" }],
        nonce,
      },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.user).toMatchObject(TEST_USER);
    expect(calls[0]?.password).toBe(PASSWORD);
  });

  it("answers Retry on a wrong password and Block only when the verifier says so", async () => {
    const { handler } = handlerWith();
    const wrong = await call(handler, { password: "wrong-password" });
    expect(action(wrong.json)).toEqual({ "@odata.type": "microsoft.graph.passwordsubmit.Retry" });
    expect((wrong.json as { data: { nonce: string } }).data.nonce).toBe(wrong.nonce);
    const blocked = await call(handler, { password: "blocked-in-legacy" });
    expect(action(blocked.json)).toEqual({
      "@odata.type": "microsoft.graph.passwordsubmit.Block",
      title: "Locked",
      message: "Call us.",
    });
  });

  it("accepts a token for the app's resource URI and a plain JSON password context", async () => {
    const { handler } = handlerWith();
    const nonce = randomUUID();
    const context = await tenant.encrypt({ "user-password": PASSWORD, nonce }, { plaintext: "json" });
    const token = await tenant.token({ aud: tenant.resourceUri });
    const response = await handler(passwordSubmit(token, tenant.body(context)));
    expect(response.status).toBe(200);
    expect(action(await response.json())?.["@odata.type"]).toBe(
      "microsoft.graph.passwordsubmit.MigratePassword",
    );
  });

  it("accepts a v1 token (appid, sts.windows.net issuer) when that issuer is given, with the key set named directly", async () => {
    const discovery = (await (await fetch(tenant.discoveryUrl)).json()) as { jwks_uri: string };
    const v1Issuer = `https://sts.windows.net/${tenant.tenantId}/`;
    const { handler } = handlerWith({ jwksUrl: discovery.jwks_uri, issuer: [tenant.issuer, v1Issuer] });
    const token = await tenant.token({ iss: v1Issuer, azp: undefined, ver: "1.0", aud: tenant.resourceUri });
    const { response } = await call(handler, { token });
    expect(response.status).toBe(200);
  });

  it("answers 503 (not Retry) when the verifier fails, so nothing is migrated and the user is not told the password is wrong", async () => {
    const { handler } = handlerWith({
      verifier: async () => {
        throw new Error("legacy database down");
      },
    });
    const { response } = await call(handler);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("unavailable");
  });

  it("answers 503 when the verifier outlasts the time budget, and aborts the verifier's signal", async () => {
    let signal: AbortSignal | undefined;
    const { handler } = handlerWith({
      timeBudgetMs: 200,
      // Never answers on its own: only the budget can end the call.
      verifier: (input) => {
        signal = input.signal;
        return new Promise(() => {});
      },
    });
    const { response } = await call(handler);
    expect(response.status).toBe(503);
    expect(signal?.aborted).toBe(true);
  });
});

describe("createPasswordMigrationHandler: refusals", () => {
  it("refuses a replayed token (401) and a replayed nonce (400) without asking the verifier again", async () => {
    const { handler, calls } = handlerWith();
    const token = await tenant.token();
    const first = await call(handler, { token });
    expect(first.response.status).toBe(200);
    const replayed = await call(handler, { token });
    expect(replayed.response.status).toBe(401);
    const sameNonce = await call(handler, { nonce: first.nonce });
    expect(sameNonce.response.status).toBe(400);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ["a foreign audience", { aud: randomUUID() }],
    ["a wrong issuer", { iss: "https://login.example.com/other/v2.0" }],
    ["another caller app", { azp: randomUUID(), appid: randomUUID() }],
    ["another tenant", { tid: randomUUID() }],
    ["no uti or jti", { uti: undefined }],
  ])("refuses a token with %s (401, nothing verified)", async (_, claims) => {
    const { handler, calls } = handlerWith();
    const { response } = await call(handler, { token: await tenant.token(claims) });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(await response.text()).toBe("unauthorized");
    expect(calls).toHaveLength(0);
  });

  it("refuses an expired token and one signed by another key (401)", async () => {
    const { handler, calls } = handlerWith();
    const expired = await call(handler, { token: await tenant.token({}, { expiresIn: -120 }) });
    expect(expired.response.status).toBe(401);
    const forged = await call(handler, { token: await tenant.token({}, { key: "foreign" }) });
    expect(forged.response.status).toBe(401);
    const none = await call(handler, { token: "" });
    expect(none.response.status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it("refuses a tampered password context and one encrypted to another key (400, nothing verified)", async () => {
    const { handler, calls } = handlerWith();
    const context = await tenant.encrypt({ "user-password": PASSWORD, nonce: randomUUID() });
    const parts = context.split(".");
    const ciphertext = parts[3] ?? "";
    parts[3] = `${ciphertext[0] === "A" ? "B" : "A"}${ciphertext.slice(1)}`;
    const tampered = await handler(passwordSubmit(await tenant.token(), tenant.body(parts.join("."))));
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toBe("bad request");
    const { generateKeyPairSync } = await import("node:crypto");
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    const foreign = await tenant.encrypt({ "user-password": PASSWORD, nonce: randomUUID() }, { key: other });
    expect((await handler(passwordSubmit(await tenant.token(), tenant.body(foreign)))).status).toBe(400);
    expect(calls).toHaveLength(0);
  });

  it("refuses bodies that are not a passwordSubmit call (400), other methods (405) and huge bodies (413)", async () => {
    const { handler, calls } = handlerWith();
    expect((await handler(passwordSubmit(await tenant.token(), "not json"))).status).toBe(400);
    expect((await handler(passwordSubmit(await tenant.token(), { type: "other" }))).status).toBe(400);
    const noNonce = await tenant.encrypt({ "user-password": PASSWORD });
    expect((await handler(passwordSubmit(await tenant.token(), tenant.body(noNonce)))).status).toBe(400);
    const get = await handler(new Request("https://jit.example.com/", { method: "GET" }));
    expect(get.status).toBe(405);
    const huge = await handler(passwordSubmit(await tenant.token(), "x".repeat(70 * 1024)));
    expect(huge.status).toBe(413);
    expect(calls).toHaveLength(0);
  });

  it("answers 503 when the tenant's keys cannot be read, and reads them again on the next call", async () => {
    const { handler } = handlerWith({ discoveryUrl: `${tenant.discoveryUrl}.missing` });
    expect((await call(handler)).response.status).toBe(503);
    const fetchSpy = vi.fn(globalThis.fetch);
    const retried = handlerWith({ fetch: fetchSpy }).handler;
    expect((await call(retried)).response.status).toBe(200);
    expect(fetchSpy).toHaveBeenCalled();
  });
});

describe("createPasswordMigrationHandler: options", () => {
  it("refuses unusable options when created, naming the option", () => {
    expect(() => handlerWith({ tenantId: "contoso" })).toThrow(/tenantId: expected the tenant id/);
    expect(() => handlerWith({ privateKey: "not a key" })).toThrow(/privateKey: not a readable private key/);
    expect(() => handlerWith({ timeBudgetMs: 60_000 })).toThrow(/timeBudgetMs/);
    expect(() => handlerWith({ audience: [] })).toThrow(/audience/);
  });
});
