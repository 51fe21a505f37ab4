import { createPrivateKey, type KeyObject, randomUUID, webcrypto } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { compactDecrypt, createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { expect } from "vitest";
import { selfSignedCertificate } from "./certificate.ts";
import { form } from "./emulator.ts";
import type { GraphClient } from "./graph.ts";

// A minimal JIT password-migration endpoint written with jose (verifies the bearer token against the
// tenant's JWKS, decrypts the password context with its private key, echoes the nonce), and the Graph
// set-up that points an external tenant at it.

export const MIGRATION_FLAG = "extension_0123456789abcdef0123456789abcdef_RequiresMigration";

export type ReceiverMode = "migrate" | "retry" | "block" | "update" | "bad-nonce" | "slow" | "500";

/** The test's endpoint: what it should answer, and what it saw. */
export interface Receiver {
  mode: ReceiverMode;
  calls: number;
  passwords: string[];
  tokens: { aud: unknown; azp: unknown; iss: unknown }[];
  endpoint: string;
  close(): Promise<void>;
}

/** A certificate (base64 DER) for the extension app's Encrypt key credential, and its private key. */
export async function encryptionCertificate(): Promise<{ der: string; privateKey: KeyObject }> {
  const cert = await selfSignedCertificate("CN=jit-encryption");
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", cert.privateKey));
  return { der: cert.der, privateKey: createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }) };
}

const ACTIONS: Partial<Record<ReceiverMode, string>> = {
  retry: "Retry",
  block: "Block",
  update: "UpdatePassword",
};

/** Starts the endpoint on 127.0.0.1 (http, or https with `tls`). */
export async function startReceiver(
  jwks: JSONWebKeySet,
  privateKey: KeyObject,
  tls?: { cert: string; key: string },
): Promise<Receiver> {
  const keys = createLocalJWKSet(jwks);
  const state = {
    mode: "migrate" as ReceiverMode,
    calls: 0,
    passwords: [] as string[],
    tokens: [] as Receiver["tokens"],
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      state.calls++;
      const { payload } = await jwtVerify(String(req.headers.authorization).replace(/^Bearer /, ""), keys);
      state.tokens.push({ aud: payload.aud, azp: payload.azp, iss: payload.iss });
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const { plaintext } = await compactDecrypt(body.data.encryptedPasswordContext, privateKey);
      const unsigned = new TextDecoder().decode(plaintext).split(".")[1] as string;
      const inner = JSON.parse(Buffer.from(unsigned, "base64url").toString());
      state.passwords.push(inner["user-password"]);
      if (state.mode === "500") return res.writeHead(500).end();
      const answer = {
        data: {
          "@odata.type": "microsoft.graph.onPasswordSubmitResponseData",
          actions: [
            {
              "@odata.type": `microsoft.graph.passwordsubmit.${ACTIONS[state.mode] ?? "MigratePassword"}`,
              ...(state.mode === "block" ? { title: "Locked", message: "Call support" } : {}),
            },
          ],
          nonce: state.mode === "bad-nonce" ? "not-the-nonce" : inner.nonce,
        },
      };
      const send = () =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      if (state.mode === "slow") setTimeout(send, 1500);
      else send();
    });
  };
  const server = tls === undefined ? createHttpServer(handle) : createHttpsServer(tls, handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    endpoint: `${tls === undefined ? "http" : "https"}://127.0.0.1:${port}/jit`,
    close: () =>
      new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  });
}

/** The apps of a JIT set-up: a native-auth app the listener names, one it doesn't, and a browser-only app. */
export interface JitApps {
  nativeApp: string;
  otherNativeApp: string;
  plainApp: string;
}

/**
 * Through Graph, as Microsoft's JIT guide: the client apps, the extension app with its Encrypt
 * certificate and identifier URI, the onPasswordSubmit extension (targetUrl = `endpoint`) and the
 * listener for `nativeApp` with {@link MIGRATION_FLAG} as its migration property.
 */
export async function configureJit(
  g: GraphClient,
  graphUrl: string,
  endpoint: string,
  der: string,
): Promise<JitApps> {
  const app = async (body: Record<string, unknown>) => {
    const r = await g.post("/applications", body);
    expect(r.status).toBe(201);
    expect((await g.post("/servicePrincipals", { appId: r.body.appId })).status).toBe(201);
    return r.body as { id: string; appId: string };
  };
  const native = { isFallbackPublicClient: true, nativeAuthenticationApisEnabled: "all" };
  const nativeApp = (await app({ displayName: "Native app", ...native })).appId;
  const otherNativeApp = (await app({ displayName: "Other native app", ...native })).appId;
  const plainApp = (await app({ displayName: "Browser app", isFallbackPublicClient: true })).appId;
  const ext = await app({ displayName: "JIT extension" });
  const keyId = randomUUID();
  const resourceId = `api://127.0.0.1/${ext.appId}`;
  const patched = await g.patch(`/applications/${ext.id}`, {
    identifierUris: [resourceId],
    keyCredentials: [
      { keyId, type: "AsymmetricX509Cert", usage: "Encrypt", key: der, displayName: "CN=jit-encryption" },
    ],
    tokenEncryptionKeyId: keyId,
  });
  expect(patched.status).toBe(204);
  const extension = await g.post(`${graphUrl}/beta/identity/customAuthenticationExtensions`, {
    "@odata.type": "#microsoft.graph.onPasswordSubmitCustomExtension",
    displayName: "JIT migration",
    endpointConfiguration: { "@odata.type": "#microsoft.graph.httpRequestEndpoint", targetUrl: endpoint },
    authenticationConfiguration: { "@odata.type": "#microsoft.graph.azureAdTokenAuthentication", resourceId },
    clientConfiguration: { timeoutInMilliseconds: 1000, maximumRetries: 1 },
  });
  expect(extension.status).toBe(201);
  const listener = await g.post(`${graphUrl}/beta/identity/authenticationEventListeners`, {
    "@odata.type": "#microsoft.graph.onPasswordSubmitListener",
    conditions: {
      applications: { includeAllApplications: false, includeApplications: [{ appId: nativeApp }] },
    },
    priority: 500,
    handler: {
      "@odata.type": "#microsoft.graph.onPasswordMigrationCustomExtensionHandler",
      migrationPropertyId: MIGRATION_FLAG,
      customExtension: { id: extension.body.id },
    },
  });
  expect(listener.status).toBe(201);
  return { nativeApp, otherNativeApp, plainApp };
}

type Reply = { status: number; body: Record<string, unknown> };

/** The native authentication steps against a tenant of the emulator, over its HTTPS token service. */
export function nativeAuth(f: typeof fetch, loginUrl: string, tenant: string) {
  const step = async (path: string, fields: Record<string, string>): Promise<Reply> => {
    const r = await f(`${loginUrl}/${tenant}/oauth2/v2.0/${path}`, form(fields));
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  /** initiate → challenge → token, as the reference page's sign-in steps. */
  const signIn = async (clientId: string, username: string, password: string): Promise<Reply> => {
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
  };
  return { step, signIn };
}
