import { PublicClientApplication } from "@azure/msal-node";
import { describe, expect, test } from "vitest";
import { claimsOf, form, startTestEmulator, type TestEmulator, useTestEmulator } from "./helpers/emulator.ts";
import { customer } from "./helpers/graph.ts";
import { msalNetworkClient } from "./helpers/https.ts";

const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
const ARM_DEFAULT = "https://management.azure.com/.default";
const OIDC = "openid profile offline_access";

const t = useTestEmulator({ deviceCode: { intervalSeconds: 1 } });

async function tokenRequest(emu: TestEmulator, fields: Record<string, string>) {
  const res = await emu.fetch(`${emu.emu.loginUrl}/${emu.tenant.tenantId}/oauth2/v2.0/token`, form(fields));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A device code sign-in over plain HTTP with offline access, approved by `upn` through the control API. */
function signInAs(emu: TestEmulator, upn: string): Promise<Record<string, unknown>> {
  return signIn(emu, `${GRAPH_DEFAULT} ${OIDC}`, upn);
}

/** A device code sign-in by the seeded admin (or `upn`) over plain HTTP, approved through the control API. */
async function signIn(
  emu: TestEmulator,
  scope: string,
  upn = emu.tenant.adminUser?.userPrincipalName,
): Promise<Record<string, unknown>> {
  const res = await emu.fetch(
    `${emu.emu.loginUrl}/${emu.tenant.tenantId}/oauth2/v2.0/devicecode`,
    form({ client_id: emu.tenant.publicClientId, scope }),
  );
  const code = (await res.json()) as { device_code: string; user_code: string };
  const approval = await emu.control("POST", "/device-codes/approve", {
    userCode: code.user_code,
    userPrincipalName: upn,
  });
  expect(approval.ok).toBe(true);
  const token = await tokenRequest(emu, {
    grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    client_id: emu.tenant.publicClientId,
    device_code: code.device_code,
  });
  expect(token.status).toBe(200);
  return token.body;
}

function refresh(emu: TestEmulator, refreshToken: string, scope: string, extra: Record<string, string> = {}) {
  return tokenRequest(emu, {
    grant_type: "refresh_token",
    client_id: emu.tenant.publicClientId,
    refresh_token: refreshToken,
    scope,
    ...extra,
  });
}

async function graph(method: string, path: string, body?: unknown): Promise<Response> {
  return t.fetch(`${t.emu.graphUrl}/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${await t.graphToken()}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("refresh tokens", () => {
  test("MSAL signs in once by device code, then gets an ARM token silently with the refresh token", async () => {
    const pca = new PublicClientApplication({
      auth: {
        clientId: t.tenant.publicClientId,
        authority: t.tenant.authority,
        knownAuthorities: t.tenant.knownAuthorities,
      },
      system: { networkClient: msalNetworkClient(t.emu.caCertPem) },
    });
    let prompts = 0;
    const first = await pca.acquireTokenByDeviceCode({
      scopes: [GRAPH_DEFAULT],
      deviceCodeCallback: (response) => {
        prompts++;
        void t.control("POST", "/device-codes/approve", {
          userCode: response.userCode,
          userPrincipalName: t.tenant.adminUser?.userPrincipalName,
        });
      },
    });
    expect(first?.account).toBeTruthy();
    const arm = await pca.acquireTokenSilent({
      account: first?.account ?? (undefined as never),
      scopes: [ARM_DEFAULT],
    });
    expect(prompts).toBe(1);
    expect(arm.fromCache).toBe(false);
    expect(claimsOf(arm.accessToken)).toMatchObject({
      aud: "https://management.azure.com/",
      scp: "user_impersonation",
      upn: t.tenant.adminUser?.userPrincipalName,
      appid: t.tenant.publicClientId,
    });
    // Forcing a refresh for Graph goes through the refresh token too, and gives a new token.
    const graphAgain = await pca.acquireTokenSilent({
      account: first?.account ?? (undefined as never),
      scopes: [GRAPH_DEFAULT],
      forceRefresh: true,
    });
    expect(graphAgain.accessToken).not.toBe(first?.accessToken);
    expect(claimsOf(graphAgain.accessToken).aud).toBe("https://graph.microsoft.com");
    const signIns = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("signIns").values() ?? [])];
    const silent = signIns.filter((s) => s.isInteractive === false && s.userId !== null);
    expect(silent.length).toBeGreaterThanOrEqual(2);
    expect(silent.at(-2)?.resourceDisplayName).toBe("Windows Azure Service Management API");
  });

  test("a refresh token is returned only when offline_access is asked for, and a refresh renews it", async () => {
    const without = await signIn(t, GRAPH_DEFAULT);
    expect(without.refresh_token).toBeUndefined();
    const withOffline = await signIn(t, `${GRAPH_DEFAULT} ${OIDC}`);
    expect(typeof withOffline.refresh_token).toBe("string");
    expect(withOffline.scope).not.toContain("offline_access");

    const renewed = await refresh(t, withOffline.refresh_token as string, `${ARM_DEFAULT} ${OIDC}`);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(typeof renewed.body.id_token).toBe("string");
    expect(typeof renewed.body.client_info).toBe("string");
    expect(renewed.body.refresh_token).not.toBe(withOffline.refresh_token);
    expect(claimsOf(renewed.body.access_token as string).aud).toBe("https://management.azure.com/");
    // The old token stays usable (Entra does not revoke a redeemed refresh token), and so does the new one.
    expect((await refresh(t, withOffline.refresh_token as string, GRAPH_DEFAULT)).status).toBe(200);
    expect((await refresh(t, renewed.body.refresh_token as string, GRAPH_DEFAULT)).status).toBe(200);
  });

  test.each([
    { name: "an unknown token", token: () => "1.not-a-token", extra: {}, code: 9002313 },
    { name: "an empty token", token: () => "", extra: {}, code: 900144, error: "invalid_request" },
  ])("refuses $name with AADSTS$code", async ({ token, extra, code, error }) => {
    const res = await refresh(t, token(), GRAPH_DEFAULT, extra);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: error ?? "invalid_grant", error_codes: [code] });
    expect(String(res.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  test("another client cannot redeem the token (AADSTS70000), and a confidential one must authenticate", async () => {
    const { refresh_token } = await signIn(t, `${GRAPH_DEFAULT} ${OIDC}`);
    const other = await tokenRequest(t, {
      grant_type: "refresh_token",
      client_id: t.tenant.clientId,
      client_secret: t.tenant.clientSecret,
      refresh_token: refresh_token as string,
      scope: GRAPH_DEFAULT,
    });
    expect(other.body).toMatchObject({ error: "invalid_grant", error_codes: [70000] });
    const unauthenticated = await tokenRequest(t, {
      grant_type: "refresh_token",
      client_id: t.tenant.clientId,
      refresh_token: refresh_token as string,
      scope: GRAPH_DEFAULT,
    });
    expect(unauthenticated.body).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
  });

  test("revokeSignInSessions makes earlier refresh tokens fail with AADSTS50173; a new sign-in works", async () => {
    const { refresh_token } = await signIn(t, `${GRAPH_DEFAULT} ${OIDC}`);
    const upn = t.tenant.adminUser?.userPrincipalName as string;
    const revoke = await graph("POST", `/users/${upn}/revokeSignInSessions`);
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toMatchObject({ value: true });
    const refused = await refresh(t, refresh_token as string, GRAPH_DEFAULT);
    expect(refused.body).toMatchObject({ error: "invalid_grant", error_codes: [50173] });
    expect(String(refused.body.error_description)).toContain("TokensValidFrom");
    const fresh = await signIn(t, `${GRAPH_DEFAULT} ${OIDC}`);
    expect((await refresh(t, fresh.refresh_token as string, ARM_DEFAULT)).status).toBe(200);
  });

  test("a disabled user's refresh token fails with AADSTS50057", async () => {
    const { refresh_token } = await signIn(t, `${GRAPH_DEFAULT} ${OIDC}`);
    const upn = t.tenant.adminUser?.userPrincipalName as string;
    expect((await graph("PATCH", `/users/${upn}`, { accountEnabled: false })).status).toBe(204);
    try {
      const refused = await refresh(t, refresh_token as string, GRAPH_DEFAULT);
      expect(refused.body).toMatchObject({ error: "invalid_grant", error_codes: [50057] });
    } finally {
      await graph("PATCH", `/users/${upn}`, { accountEnabled: true });
    }
  });

  test("a password reset revokes (AADSTS50173) and a deleted user's token fails with AADSTS50034", async () => {
    const created = await graph("POST", "/users", customer(`rt-${Date.now()}@example.com`));
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string; userPrincipalName: string };
    const first = await signInAs(t, user.userPrincipalName);
    expect(
      (await graph("PATCH", `/users/${user.id}`, { passwordProfile: { password: "Nw9!pq#Rt4z" } })).status,
    ).toBe(204);
    expect((await refresh(t, first.refresh_token as string, GRAPH_DEFAULT)).body).toMatchObject({
      error: "invalid_grant",
      error_codes: [50173],
    });
    const second = await signInAs(t, user.userPrincipalName);
    expect((await graph("DELETE", `/users/${user.id}`)).status).toBe(204);
    const refused = await refresh(t, second.refresh_token as string, GRAPH_DEFAULT);
    expect(refused.body).toMatchObject({ error: "invalid_grant", error_codes: [50034] });
    expect(String(refused.body.error_description)).toContain(user.userPrincipalName);
  });

  test("a refresh token unused past its lifetime fails with AADSTS700082", async () => {
    const short = await startTestEmulator({ refreshToken: { lifetimeSeconds: 0.001 } });
    try {
      const { refresh_token } = await signIn(short, `${GRAPH_DEFAULT} ${OIDC}`);
      await new Promise((r) => setTimeout(r, 5));
      const refused = await refresh(short, refresh_token as string, GRAPH_DEFAULT);
      expect(refused.body).toMatchObject({ error: "invalid_grant", error_codes: [700082] });
      expect(String(refused.body.error_description)).toContain("expired due to inactivity");
    } finally {
      await short.emu.stop();
    }
  });
});
