// Issue 16's end-to-end scenario, offline, through the library against one emulator: a B2C tenant of
// 1,000 customers with known passwords → inventory → users copied into External ID → JIT set-up
// pointing at @ciamkit/jit's handler served here on loopback → sign-ins through the emulator's native
// authentication with the old B2C passwords (migrated once, then no more calls) and with wrong ones
// (refused, nothing migrated). Real HTTPS to the emulator, MSAL unmodified, http to the handler.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type SeededB2cUser, seedB2cUsers, seedDirectory } from "@ciamkit/emulator";
import {
  b2cRopcVerifier,
  createPasswordMigrationHandler,
  type FetchHandler,
  toNodeListener,
} from "@ciamkit/jit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { inventoryB2cTenant } from "../src/graph/migration/inventory-b2c.ts";
import { jitSetupOperation } from "../src/graph/migration/jit-setup-operation.ts";
import { migrateUsers } from "../src/graph/migration/migrate-users.ts";
import { migrationStatusOperation } from "../src/graph/migration/migration-status.ts";
import { createFetchTransport } from "../src/http/transport.ts";
import { targetClient } from "./helpers/b2c-source.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";

const { t, client } = useCoreEmulator();
const B2C = "woodgroveb2c";
const B2C_DOMAIN = `${B2C}.onmicrosoft.com`;
const COUNT = 1000;
const SOCIAL_EVERY = 25;
/** Sign-ins at a time: a few, as customers arrive, without starving two CI cores. */
const PARALLEL = 5;

let source: CiamClient;
let seeded: SeededB2cUser[];
let server: Server;
let handler: FetchHandler | undefined;
let calls = 0;
let transport: ReturnType<typeof createFetchTransport>;

/** A flag value of a target user, found by their local sign-in name. */
function flagOf(signInName: string): unknown {
  const users = t.emu.store.tenant(t.tenant.tenantId)?.collection("users").values() ?? [];
  for (const user of users) {
    const ids = (user.identities ?? []) as { issuerAssignedId?: string }[];
    if (ids.some((i) => i.issuerAssignedId === signInName))
      return Object.entries(user).find(([k]) => k.endsWith("_RequiresMigration"))?.[1];
  }
  throw new Error(`no migrated user signs in as ${signInName}`);
}

/** Runs `work` over `items`, `PARALLEL` at a time, keeping the order of the results. */
async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL)
    out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
  return out;
}

beforeAll(async () => {
  transport = createFetchTransport({ ca: t.emu.caCertPem });
  const b2cTenant = t.emu.store.putTenant({
    id: randomUUID(),
    kind: "b2c",
    displayName: B2C,
    subdomain: B2C,
    defaultDomain: B2C_DOMAIN,
    createdDateTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
  });
  const app = seedDirectory(b2cTenant, {
    seed: B2C,
    apps: [
      {
        displayName: "migration reader",
        graphPermissions: [
          "User.Read.All",
          "Application.ReadWrite.All",
          "IdentityProvider.Read.All",
          "IdentityUserFlow.ReadWrite.All",
          "Policy.Read.All",
        ],
      },
    ],
  }).apps[0];
  if (app?.secret == null) throw new Error("the B2C app got no secret");
  source = targetClient(t, b2cTenant.info.id, app.appId, app.secret);
  seeded = seedB2cUsers(b2cTenant, { count: COUNT, seed: 16, socialEvery: SOCIAL_EVERY }).users;

  server = createServer(
    toNodeListener(async (request) => {
      calls++;
      return handler === undefined ? new Response("not ready", { status: 503 }) : handler(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await transport?.close();
  await source?.close();
});

describe("B2C to External ID, passwords included, end to end", () => {
  const local = () => seeded.filter((u) => u.kind !== "federated");
  let nativeApp: string;

  it("inventory counts the seeded customers by sign-in type", async () => {
    const kinds = (k: SeededB2cUser["kind"]) => seeded.filter((u) => u.kind === k).length;
    const social = seeded.filter((u) => u.socialIssuer !== null);
    expect(kinds("emailAddress")).toBeGreaterThan(0);
    expect(kinds("userName")).toBeGreaterThan(0);
    expect(kinds("federated")).toBe(COUNT / SOCIAL_EVERY);

    const inventory = await inventoryB2cTenant(source);
    expect(inventory.users).toEqual({
      total: COUNT,
      bySignInType: { emailAddress: kinds("emailAddress"), userName: kinds("userName") },
      federatedByIssuer: {
        "facebook.com": social.filter((u) => u.socialIssuer === "facebook.com").length,
        "google.com": social.filter((u) => u.socialIssuer === "google.com").length,
      },
      localAccounts: COUNT - kinds("federated"),
      socialOnly: kinds("federated"),
    });
  });

  it("migrates every local and social user, flagging the local accounts", async () => {
    const report = await migrateUsers(source, client);
    expect(report).toMatchObject({ rows: COUNT, created: COUNT, rejected: 0, failed: 0 });
    expect(await client.run(migrationStatusOperation, {})).toMatchObject({
      pending: local().length,
      migrated: 0,
    });
    expect(flagOf(String(local()[0]?.signInName))).toBe(true);
  });

  it("sets JIT up through the catalog operation, pointing at the handler served here", async () => {
    const registered = await client.graph.post<{ appId: string }>("/applications", {
      displayName: "Woodgrove app",
      isFallbackPublicClient: true,
      nativeAuthenticationApisEnabled: "all",
    });
    nativeApp = registered.appId;
    await client.graph.post("/servicePrincipals", { appId: nativeApp });
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jit`;
    const setup = await client.run(jitSetupOperation, {
      endpoint,
      apps: [nativeApp],
      printPrivateKey: true,
    });
    expect(setup.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const extensionApp = await client.graph.get<{ appId: string; identifierUris: string[] }>(
      `/applications(appId='${setup.extensionAppId}')`,
    );
    const ropcApp = await source.graph.post<{ appId: string }>("/applications", {
      displayName: "ROPC_Auth_app",
      isFallbackPublicClient: true,
    });
    const tenantId = t.tenant.tenantId;
    handler = createPasswordMigrationHandler({
      tenantId,
      audience: [extensionApp.appId, ...extensionApp.identifierUris],
      discoveryUrl: `${t.emu.loginUrl}/${tenantId}/v2.0/.well-known/openid-configuration`,
      privateKey: String(setup.privateKey),
      fetch: transport.fetch,
      verifier: b2cRopcVerifier({
        authority: `${t.emu.loginUrl}/${B2C_DOMAIN}/B2C_1_ROPC_Auth`,
        clientId: ropcApp.appId,
        fetch: transport.fetch,
      }),
    });
  });

  // Steps of native authentication (initiate → challenge → token) on the External ID tenant.
  async function signIn(username: string, password: string): Promise<{ status: number; body: unknown }> {
    const step = async (path: string, fields: Record<string, string>) => {
      const r = await transport.fetch(`${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: nativeApp, ...fields }).toString(),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const types = "password redirect";
    const init = await step("initiate", { challenge_type: types, username });
    if (typeof init.body.continuation_token !== "string") return init;
    const challenge = await step("challenge", {
      challenge_type: types,
      continuation_token: init.body.continuation_token,
    });
    if (typeof challenge.body.continuation_token !== "string") return challenge;
    return step("token", {
      grant_type: "password",
      continuation_token: challenge.body.continuation_token,
      password,
      scope: "openid offline_access",
    });
  }

  /** Signs `users` in (a few at a time) with `password(user)`: their answers, handler calls made, and flags after. */
  async function signInAll(users: SeededB2cUser[], password: (u: SeededB2cUser) => string) {
    const before = calls;
    const answers = await inBatches(users, (u) => signIn(String(u.signInName), password(u)));
    return {
      statuses: answers.map((a) => a.status),
      calls: calls - before,
      flags: users.map((u) => flagOf(String(u.signInName))),
    };
  }
  const expectedStatus = () => ({ pending: local().length - 50, migrated: 50 });

  it("50 customers sign in with their old B2C passwords: migrated once, then no more calls", async () => {
    const chosen = local().slice(0, 50);
    expect(new Set(chosen.map((u) => u.kind))).toEqual(new Set(["emailAddress", "userName"]));
    expect(await signInAll(chosen, (u) => String(u.password))).toEqual({
      statuses: chosen.map(() => 200),
      calls: 50,
      flags: chosen.map(() => false),
    });
    expect(await client.run(migrationStatusOperation, {})).toMatchObject(expectedStatus());
    // Migrated: the second sign-in checks the password in External ID alone.
    expect(await signInAll(chosen.slice(0, 1), (u) => String(u.password))).toEqual({
      statuses: [200],
      calls: 0,
      flags: [false],
    });
  });

  it("10 customers with wrong passwords are refused and nothing is migrated", async () => {
    const chosen = local().slice(50, 60);
    expect(await signInAll(chosen, (u) => `${u.password}-wrong`)).toEqual({
      statuses: chosen.map(() => 400),
      calls: 10,
      flags: chosen.map(() => true),
    });
    expect(await client.run(migrationStatusOperation, {})).toMatchObject(expectedStatus());
  });
});
