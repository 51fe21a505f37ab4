import { beforeAll, describe, expect, test } from "vitest";
import { B2C_DEMO_DOMAIN, b2cDemoConnection } from "../src/seed/b2c-seed.ts";
import { type SeededB2cUsers, seedB2cUsers } from "../src/seed/b2c-users.ts";
import type { TenantConnection } from "../src/seed/demo-seed.ts";
import type { TenantState } from "../src/store/store.ts";
import { claimsOf, form, useTestEmulator } from "./helpers/emulator.ts";
import { msalAppToken } from "./helpers/limited-apps.ts";

// The B2C side of a migration: a B2C tenant's local accounts with known passwords (the seed) and
// its resource owner password credentials (ROPC) token endpoint, over real HTTPS.

const t = useTestEmulator({ throttling: false });
let seeded: SeededB2cUsers;
let ropcApp: string;
let confidentialApp: string;

const POLICY = "B2C_1_ROPC_Auth";

async function ropc(fields: Record<string, string>, policy = POLICY) {
  const url = `${t.emu.loginUrl}/${B2C_DEMO_DOMAIN}/${policy}/oauth2/v2.0/token`;
  const r = await t.fetch(url, form({ grant_type: "password", scope: `openid ${ropcApp}`, ...fields }));
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const tenant = t.emu.store.tenant(B2C_DEMO_DOMAIN) as TenantState;
  seeded = seedB2cUsers(tenant, { count: 1000 });
  const conn = b2cDemoConnection(t.emu.store, t.emu.loginUrl) as TenantConnection;
  const token = await msalAppToken({ tenant: conn, emu: t.emu }, conn.clientId, conn.clientSecret);
  const register = async (body: Record<string, unknown>) => {
    const r = await t.fetch(`${t.emu.graphUrl}/v1.0/applications`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(r.status).toBe(201);
    return String(((await r.json()) as { appId: string }).appId);
  };
  ropcApp = await register({ displayName: "ROPC_Auth_app", isFallbackPublicClient: true });
  confidentialApp = await register({ displayName: "Web app" });
});

describe("the B2C user seed", () => {
  test("1,000 users: local e-mail and user-name accounts with passwords, social-only users, custom attributes", () => {
    const { users } = seeded;
    expect(users).toHaveLength(1000);
    const kinds = (k: string) => users.filter((u) => u.kind === k).length;
    expect(kinds("federated")).toBe(100);
    expect(kinds("emailAddress") + kinds("userName")).toBe(900);
    expect(kinds("userName")).toBeGreaterThan(0);
    expect(users.filter((u) => u.kind === "federated").every((u) => u.password === null)).toBe(true);
    expect(new Set(users.map((u) => u.socialIssuer).filter((s) => s !== null))).toEqual(
      new Set(["facebook.com", "google.com"]),
    );
    const tenant = t.emu.store.tenant(B2C_DEMO_DOMAIN) as TenantState;
    const first = tenant.collection("users").get(users[0]?.id as string) as Record<string, unknown>;
    expect(first[seeded.attributes.LoyaltyNumber]).toBe("L00000");
    expect(seeded.attributes.LoyaltyNumber).toBe(
      `extension_${seeded.extensionsAppId.replaceAll("-", "")}_LoyaltyNumber`,
    );
    // Passwords are kept as salted hashes only.
    expect(JSON.stringify([...tenant.collection("_userPasswords").values()])).not.toContain(
      users[0]?.password,
    );
  });
});

describe("ROPC: POST /{tenant}.onmicrosoft.com/{policy}/oauth2/v2.0/token", () => {
  test.each(["emailAddress", "userName"] as const)(
    "a %s account signs in with its password: id token",
    async (kind) => {
      const u = seeded.users.find((x) => x.kind === kind);
      const r = await ropc({
        client_id: ropcApp,
        username: String(u?.signInName),
        password: String(u?.password),
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: "3600" });
      expect(claimsOf(String(r.body.id_token))).toMatchObject({ aud: ropcApp, oid: u?.id, tfp: POLICY });
    },
  );

  test("a wrong password (or unknown name) is invalid_grant AADB2C90225", async () => {
    const u = seeded.users[0];
    const wrong = await ropc({
      client_id: ropcApp,
      username: String(u?.signInName),
      password: "Wrong-Passw0rd",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("invalid_grant");
    expect(String(wrong.body.error_description)).toMatch(/^AADB2C90225: /);
    const unknown = await ropc({ client_id: ropcApp, username: "nobody@example.com", password: "x" });
    expect(unknown.body.error).toBe("invalid_grant");
  });

  test("a policy name that is not B2C_1_/B2C_1A_, an unknown client and a confidential client are refused", async () => {
    const u = seeded.users[0];
    const creds = { username: String(u?.signInName), password: String(u?.password) };
    expect((await ropc({ client_id: ropcApp, ...creds }, "signin")).body.error_description).toMatch(
      /^AADB2C90008/,
    );
    expect(
      (await ropc({ client_id: "00000000-0000-4000-8000-000000000000", ...creds })).body.error_description,
    ).toMatch(/^AADB2C90018/);
    expect((await ropc({ client_id: confidentialApp, ...creds })).status).toBe(400);
  });

  test("the external tenant has no B2C policy endpoint", async () => {
    const r = await t.fetch(
      `${t.emu.loginUrl}/${t.tenant.tenantId}/${POLICY}/oauth2/v2.0/token`,
      form({ grant_type: "password" }),
    );
    expect(r.status).toBe(404);
  });
});
