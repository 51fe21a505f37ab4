import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { B2C_DEMO_DOMAIN, b2cDemoConnection, type SeededB2cUser, seedB2cUsers } from "@ciamkit/emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { customer, useGraphFixture } from "../../emulator/test/helpers/graph.ts";
import {
  configureJit,
  encryptionCertificate,
  MIGRATION_FLAG,
  nativeAuth,
} from "../../emulator/test/helpers/jit.ts";
import { msalAppToken } from "../../emulator/test/helpers/limited-apps.ts";
import {
  b2cRopcVerifier,
  createPasswordMigrationHandler,
  type FetchHandler,
  toNodeListener,
} from "../src/index.ts";

// The handler as External ID meets it: the emulator's native authentication fires the onPasswordSubmit
// listener at the handler (emulator-issued token, JWE context, nonce), and the handler's B2C verifier
// asks the emulator's B2C tenant (its ROPC token endpoint) whether the password is the old one. All
// over real HTTPS to the emulator and http to the handler on loopback.

const { fx, g } = useGraphFixture({ reset: false });
const TEMP_PASSWORD = "Temp-Random#9xQ";
const POLICY = "B2C_1_ROPC_Auth";

let server: Server;
let calls = 0;
let apps: Awaited<ReturnType<typeof configureJit>>;
let b2cUsers: SeededB2cUser[];

const signIn = (username: string, password: string) =>
  nativeAuth(fx.t.fetch, fx.t.emu.loginUrl, "contoso").signIn(apps.nativeApp, username, password);
const flagOf = (id: string) =>
  (fx.tenant.collection("users").get(id) as Record<string, unknown>)[MIGRATION_FLAG];

/** A B2C e-mail account, pre-created in External ID with a random password and the flag set. */
async function moved(user: SeededB2cUser): Promise<string> {
  // As the users' copy writes them: the e-mail in mail too, which the B2C verifier signs in with.
  const body = customer(user.signInName ?? "", { [MIGRATION_FLAG]: true, mail: user.signInName });
  (body.passwordProfile as Record<string, unknown>).password = TEMP_PASSWORD;
  const r = await g.post("/users", body);
  expect(r.status).toBe(201);
  return r.body.id as string;
}

beforeAll(async () => {
  // The B2C side: local accounts with known passwords, and a public client allowed to use ROPC.
  const b2c = fx.t.emu.store.tenant(B2C_DEMO_DOMAIN);
  if (b2c === undefined) throw new Error("no B2C demo tenant");
  b2cUsers = seedB2cUsers(b2c, { count: 20 }).users.filter((u) => u.kind === "emailAddress");
  const conn = b2cDemoConnection(fx.t.emu.store, fx.t.emu.loginUrl);
  if (conn === undefined) throw new Error("no B2C demo connection");
  const token = await msalAppToken(
    { tenant: conn as Parameters<typeof msalAppToken>[0]["tenant"], emu: fx.t.emu },
    conn.clientId,
    conn.clientSecret,
  );
  const registered = await fx.t.fetch(`${fx.t.emu.graphUrl}/v1.0/applications`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ displayName: "ROPC app", isFallbackPublicClient: true }),
  });
  const ropcApp = String(((await registered.json()) as { appId: string }).appId);

  // The handler, on loopback; configured once the extension app exists.
  let handler: FetchHandler | undefined;
  server = createServer(
    toNodeListener(async (request) => {
      calls++;
      return handler === undefined ? new Response("not ready", { status: 503 }) : handler(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jit`;
  const cert = await encryptionCertificate();
  apps = await configureJit(g, fx.t.emu.graphUrl, endpoint, cert.der);
  const extension = await g.get("/applications?$filter=displayName eq 'JIT extension'");
  const extensionApp = (extension.body.value as { appId: string; identifierUris: string[] }[])[0];
  if (extensionApp === undefined) throw new Error("no extension app");
  const tenantId = fx.tenant.info.id;
  handler = createPasswordMigrationHandler({
    tenantId,
    audience: [extensionApp.appId, ...extensionApp.identifierUris],
    discoveryUrl: `${fx.t.emu.loginUrl}/${tenantId}/v2.0/.well-known/openid-configuration`,
    privateKey: cert.privateKey,
    fetch: fx.t.fetch,
    verifier: b2cRopcVerifier({
      authority: `${fx.t.emu.loginUrl}/${B2C_DEMO_DOMAIN}/${POLICY}`,
      clientId: ropcApp,
      fetch: fx.t.fetch,
    }),
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe("the handler behind the emulator's onPasswordSubmit, checking passwords with its B2C tenant", () => {
  test("the B2C password signs in, is migrated and clears the flag; the next sign-in no longer calls the endpoint", async () => {
    const user = b2cUsers[0] as SeededB2cUser;
    const id = await moved(user);
    const before = calls;
    const first = await signIn(user.signInName ?? "", user.password ?? "");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(calls).toBe(before + 1);
    expect(flagOf(id)).toBe(false);
    const second = await signIn(user.signInName ?? "", user.password ?? "");
    expect(second.status).toBe(200);
    expect(calls).toBe(before + 1);
  });

  test("a wrong password fails the sign-in (Retry) and migrates nothing", async () => {
    const user = b2cUsers[1] as SeededB2cUser;
    const id = await moved(user);
    const wrong = await signIn(user.signInName ?? "", `${user.password}-not`);
    expect(wrong.status).toBe(400);
    expect(flagOf(id)).toBe(true);
    // The temporary password does not open the account either: only the old one migrates.
    expect((await signIn(user.signInName ?? "", TEMP_PASSWORD)).status).toBe(400);
    expect(flagOf(id)).toBe(true);
    expect((await signIn(user.signInName ?? "", user.password ?? "")).status).toBe(200);
    expect(flagOf(id)).toBe(false);
  });
});
