import { PublicClientApplication } from "@azure/msal-node";
import { describe, expect, test } from "vitest";
import { claimsOf, form, startTestEmulator, useTestEmulator } from "./helpers/emulator.ts";
import { msalNetworkClient } from "./helpers/https.ts";

const t = useTestEmulator({ routes: [], deviceCode: { intervalSeconds: 1 } });

const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";

async function tokenRequest(fields: Record<string, string>) {
  const res = await t.fetch(`${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/token`, form(fields));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("device code", () => {
  function pca() {
    return new PublicClientApplication({
      auth: {
        clientId: t.tenant.publicClientId,
        authority: t.tenant.authority,
        knownAuthorities: t.tenant.knownAuthorities,
      },
      system: { networkClient: msalNetworkClient(t.emu.caCertPem) },
    });
  }

  test("MSAL gets a delegated token once an admin approves through the control API", async () => {
    const result = await pca().acquireTokenByDeviceCode({
      scopes: [GRAPH_DEFAULT],
      deviceCodeCallback: (response) => {
        void t.control("POST", "/device-codes/approve", {
          userCode: response.userCode,
          userPrincipalName: t.tenant.adminUser?.userPrincipalName,
        });
      },
    });
    const claims = claimsOf(result?.accessToken ?? "");
    expect(claims).toMatchObject({
      idtyp: "user",
      appid: t.tenant.publicClientId,
      appidacr: "0",
      tid: t.tenant.tenantId,
    });
    expect(String(claims.scp).split(" ")).toEqual(
      expect.arrayContaining(["User.ReadWrite.All", "AuditLog.Read.All"]),
    );
    expect(claims.roles).toBeUndefined();
    expect(result?.account?.username).toBe(t.tenant.adminUser?.userPrincipalName);
  });

  test("MSAL gets a token when the admin signs in on the emulator's page", async () => {
    const result = await pca().acquireTokenByDeviceCode({
      scopes: [GRAPH_DEFAULT],
      deviceCodeCallback: (response) => {
        void (async () => {
          const wrong = await t.fetch(
            response.verificationUri,
            form({
              code: response.userCode,
              username: t.tenant.adminUser?.userPrincipalName ?? "",
              password: "wrong",
            }),
          );
          expect(wrong.status).toBe(400);
          expect(await wrong.text()).toContain("incorrect");
          const ok = await t.fetch(
            response.verificationUri,
            form({
              code: response.userCode,
              username: "ADMIN@contoso.onmicrosoft.com",
              password: t.tenant.adminUser?.password ?? "",
            }),
          );
          expect(ok.status).toBe(200);
        })();
      },
    });
    expect(claimsOf(result?.accessToken ?? "").upn).toBe(t.tenant.adminUser?.userPrincipalName);
    const signIns = [...(t.emu.store.tenant(t.tenant.tenantId)?.collection("signIns").values() ?? [])];
    const interactive = signIns.filter((s) => s.isInteractive === true).slice(-2);
    expect(interactive.map((s) => (s.status as { errorCode: number }).errorCode)).toEqual([50126, 0]);
    expect(interactive[1]).toMatchObject({
      userPrincipalName: t.tenant.adminUser?.userPrincipalName,
      appId: t.tenant.publicClientId,
    });
  });

  test("polling answers authorization_pending, then slow_down when too fast, and a bad code invalid_grant", async () => {
    const res = await t.fetch(
      `${t.emu.loginUrl}/${t.tenant.domain}/oauth2/v2.0/devicecode`,
      form({ client_id: t.tenant.publicClientId, scope: GRAPH_DEFAULT }),
    );
    const code = (await res.json()) as {
      device_code: string;
      user_code: string;
      interval: number;
      verification_uri: string;
    };
    expect(code.verification_uri).toBe(`${t.emu.loginUrl}/devicelogin`);
    const poll = (device_code: string) =>
      tokenRequest({
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
        client_id: t.tenant.publicClientId,
        device_code,
      });
    expect((await poll(code.device_code)).body).toMatchObject({
      error: "authorization_pending",
      error_codes: [70016],
    });
    expect((await poll(code.device_code)).body).toMatchObject({ error: "slow_down" });
    expect((await poll("nonsense")).body).toMatchObject({ error: "invalid_grant" });
  });

  test("an expired device code answers expired_token", async () => {
    const short = await startTestEmulator({
      routes: [],
      deviceCode: { intervalSeconds: 1, lifetimeSeconds: 0.001 },
    });
    try {
      const res = await short.fetch(
        `${short.emu.loginUrl}/${short.tenant.tenantId}/oauth2/v2.0/devicecode`,
        form({ client_id: short.tenant.publicClientId, scope: GRAPH_DEFAULT }),
      );
      const { device_code } = (await res.json()) as { device_code: string };
      await new Promise((r) => setTimeout(r, 5));
      const poll = await short.fetch(
        `${short.emu.loginUrl}/${short.tenant.tenantId}/oauth2/v2.0/token`,
        form({
          grant_type: "urn:ietf:params:oauth:grant-type:device_code",
          client_id: short.tenant.publicClientId,
          device_code,
        }),
      );
      expect(await poll.json()).toMatchObject({ error: "expired_token", error_codes: [70020] });
    } finally {
      await short.emu.stop();
    }
  });

  test("a confidential app without public client flows cannot start a device code", async () => {
    const res = await t.fetch(
      `${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/devicecode`,
      form({ client_id: t.tenant.clientId, scope: GRAPH_DEFAULT }),
    );
    expect(await res.json()).toMatchObject({ error: "invalid_client", error_codes: [7000218] });
  });
});
