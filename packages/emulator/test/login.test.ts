import { createPrivateKey, randomUUID } from "node:crypto";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { generateCredentialCertificate } from "../src/server/tls.ts";
import { claimsOf, form, useTestEmulator } from "./helpers/emulator.ts";
import { msalNetworkClient } from "./helpers/https.ts";

const t = useTestEmulator({ routes: [] });

const GRAPH_DEFAULT = "https://graph.microsoft.com/.default";

async function tokenRequest(fields: Record<string, string>, tenant = t.tenant.tenantId) {
  const res = await t.fetch(`${t.emu.loginUrl}/${tenant}/oauth2/v2.0/token`, form(fields));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("discovery", () => {
  test.each(["id", "domain", "subdomain"] as const)(
    "serves the OIDC document and keys by tenant %s",
    async (by) => {
      const segment = { id: t.tenant.tenantId, domain: t.tenant.domain, subdomain: t.tenant.subdomain }[by];
      const doc = (await (
        await t.fetch(`${t.emu.loginUrl}/${segment}/v2.0/.well-known/openid-configuration`)
      ).json()) as Record<string, string>;
      expect(doc.issuer).toBe(`${t.emu.loginUrl}/${t.tenant.tenantId}/v2.0`);
      expect(doc.token_endpoint).toBe(`${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/token`);
      const jwks = (await (await t.fetch(doc.jwks_uri as string)).json()) as {
        keys: { kty: string; kid: string }[];
      };
      expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig" });
    },
  );

  test("an unknown tenant gets AADSTS90002", async () => {
    const res = await t.fetch(`${t.emu.loginUrl}/fabrikam/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request", error_codes: [90002] });
  });
});

describe("client credentials through MSAL, unmodified", () => {
  test("a client secret gets an RS256 Graph token with the granted roles", async () => {
    const token = await t.graphToken();
    const [header] = token.split(".");
    expect(JSON.parse(Buffer.from(header as string, "base64url").toString())).toMatchObject({
      alg: "RS256",
      typ: "JWT",
    });
    const claims = claimsOf(token);
    expect(claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `${t.emu.loginUrl}/${t.tenant.tenantId}/v2.0`,
      tid: t.tenant.tenantId,
      appid: t.tenant.clientId,
      azp: t.tenant.clientId,
      idtyp: "app",
      appidacr: "1",
    });
    expect(claims.roles).toEqual(
      expect.arrayContaining(["User.ReadWrite.All", "Policy.ReadWrite.TrustFramework"]),
    );
    expect(claims.scp).toBeUndefined();
    expect((claims.exp as number) - (claims.iat as number)).toBe(3599);
    expect(claims.oid).toBe(claims.sub);
  });

  test.each([
    ["SHA-256 thumbprint (x5t#S256, PS256)", "sha256"],
    ["SHA-1 thumbprint (x5t, RS256)", "sha1"],
  ] as const)("a certificate assertion by %s gets a token", async (_name, kind) => {
    const cert = t.tenant.certificate;
    if (cert === undefined) throw new Error("demo tenant has no certificate");
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: t.tenant.clientId,
        authority: t.tenant.authority,
        knownAuthorities: t.tenant.knownAuthorities,
        clientCertificate:
          kind === "sha256"
            ? { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.key }
            : { thumbprint: cert.thumbprint, privateKey: cert.key },
      },
      system: { networkClient: msalNetworkClient(t.emu.caCertPem) },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] });
    expect(claimsOf(result?.accessToken ?? "")).toMatchObject({ appidacr: "2", tid: t.tenant.tenantId });
  });

  test("an ARM scope gets an ARM audience and no Graph roles", async () => {
    const { status, body } = await tokenRequest({
      grant_type: "client_credentials",
      client_id: t.tenant.clientId,
      client_secret: t.tenant.clientSecret,
      scope: "https://management.azure.com/.default",
    });
    expect(status).toBe(200);
    const claims = claimsOf(body.access_token as string);
    expect(claims.aud).toBe("https://management.azure.com/");
    expect(claims.roles).toBeUndefined();
  });

  test("a new app role assignment shows in the next token, not in the one already issued", async () => {
    const before = claimsOf(await t.graphToken());
    expect(before.roles).not.toContain("Directory.Read.All");
    const tenant = t.emu.store.tenant(t.tenant.tenantId);
    if (tenant === undefined) throw new Error("no tenant");
    const graphSp = [...tenant.collection("servicePrincipals").values()].find(
      (sp) => sp.appId === "00000003-0000-0000-c000-000000000000",
    );
    const id = randomUUID();
    tenant.collection("appRoleAssignments").put(id, {
      id,
      principalId: before.oid as string,
      resourceId: graphSp?.id as string,
      appRoleId: "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    });
    const after = claimsOf(await t.graphToken());
    expect(after.roles).toContain("Directory.Read.All");
    tenant.collection("appRoleAssignments").delete(id);
  });
});

describe("token endpoint errors (AADSTS bodies)", () => {
  const base = () => ({
    grant_type: "client_credentials",
    client_id: t.tenant.clientId,
    scope: GRAPH_DEFAULT,
  });
  test.each([
    [
      "unknown app",
      () => ({ ...base(), client_id: randomUUID(), client_secret: "x" }),
      400,
      "unauthorized_client",
      700016,
    ],
    ["bad secret", () => ({ ...base(), client_secret: "not-the-secret" }), 401, "invalid_client", 7000215],
    ["no credential", () => base(), 401, "invalid_client", 7000218],
    [
      "scope without /.default",
      () => ({
        ...base(),
        client_secret: t.tenant.clientSecret,
        scope: "https://graph.microsoft.com/User.Read.All",
      }),
      400,
      "invalid_scope",
      1002012,
    ],
    [
      "two resources",
      () => ({
        ...base(),
        client_secret: t.tenant.clientSecret,
        scope: `${GRAPH_DEFAULT} https://management.azure.com/.default`,
      }),
      400,
      "invalid_request",
      28000,
    ],
    [
      "unknown resource",
      () => ({ ...base(), client_secret: t.tenant.clientSecret, scope: "https://vault.azure.net/.default" }),
      400,
      "invalid_resource",
      500011,
    ],
    [
      "no scope",
      () => ({
        grant_type: "client_credentials",
        client_id: t.tenant.clientId,
        client_secret: t.tenant.clientSecret,
      }),
      400,
      "invalid_request",
      900144,
    ],
    [
      "unsupported grant",
      () => ({ ...base(), grant_type: "password", client_secret: t.tenant.clientSecret }),
      400,
      "unsupported_grant_type",
      70003,
    ],
  ] as const)("%s", async (_name, fields, status, error, code) => {
    const res = await tokenRequest(fields());
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error, error_codes: [code] });
    expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    for (const field of ["timestamp", "trace_id", "correlation_id"])
      expect(typeof res.body[field]).toBe("string");
    expect(JSON.stringify(res.body)).not.toContain(t.tenant.clientSecret);
  });

  test("client_secret_basic: the credential in an Authorization header", async () => {
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
    const send = (authorization: string) =>
      t.fetch(`${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization },
        body: new URLSearchParams({ grant_type: "client_credentials", scope: GRAPH_DEFAULT }).toString(),
      });
    expect((await send(basic(t.tenant.clientId, t.tenant.clientSecret))).status).toBe(200);
    const wrong = await send(basic(t.tenant.clientId, "wrong"));
    expect(await wrong.json()).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
  });

  test("an unknown tenant is refused before the client is looked at", async () => {
    const res = await tokenRequest(
      { ...base(), client_secret: t.tenant.clientSecret },
      "fabrikam.onmicrosoft.com",
    );
    expect(res.body).toMatchObject({ error: "invalid_request", error_codes: [90002] });
  });

  test("an expired secret gets AADSTS7000222", async () => {
    const tenant = t.emu.store.tenant(t.tenant.tenantId);
    const creds = tenant?.collection("_credentials");
    const entry = [...(creds?.entries() ?? [])][0];
    if (creds === undefined || entry === undefined) throw new Error("no credential");
    const [keyId, cred] = entry;
    creds.put(keyId, { ...cred, endDateTime: "2020-01-01T00:00:00Z" });
    try {
      const res = await tokenRequest({ ...base(), client_secret: t.tenant.clientSecret });
      expect(res.body).toMatchObject({ error: "invalid_client", error_codes: [7000222] });
    } finally {
      creds.put(keyId, cred);
    }
  });

  async function assertion(overrides: {
    key?: string;
    cert?: string;
    aud?: string;
    jti?: string;
    iss?: string;
  }) {
    const cert = t.tenant.certificate;
    if (cert === undefined) throw new Error("no certificate");
    const { X509Certificate, createHash } = await import("node:crypto");
    const der = new X509Certificate(overrides.cert ?? cert.cert).raw;
    return new SignJWT({ jti: overrides.jti ?? randomUUID() })
      .setProtectedHeader({
        alg: "PS256",
        typ: "JWT",
        "x5t#S256": createHash("sha256").update(der).digest("base64url"),
      })
      .setIssuer(overrides.iss ?? t.tenant.clientId)
      .setSubject(t.tenant.clientId)
      .setAudience(overrides.aud ?? `${t.emu.loginUrl}/${t.tenant.tenantId}/oauth2/v2.0/token`)
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime("10m")
      .sign(createPrivateKey(overrides.key ?? cert.key));
  }
  const withAssertion = (jwt: string) => ({
    ...base(),
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: jwt,
  });

  test("a replayed assertion jti is refused", async () => {
    const jwt = await assertion({});
    expect((await tokenRequest(withAssertion(jwt))).status).toBe(200);
    const replay = await tokenRequest(withAssertion(jwt));
    expect(replay.body).toMatchObject({ error: "invalid_client", error_codes: [700027] });
  });

  test.each([
    [
      "signed by an unregistered certificate",
      async () => {
        const other = await generateCredentialCertificate("intruder");
        return assertion({ key: other.key, cert: other.cert });
      },
      700027,
    ],
    [
      "signed with the wrong key for the thumbprint",
      async () => {
        const other = await generateCredentialCertificate("intruder");
        return assertion({ key: other.key });
      },
      700027,
    ],
    [
      "with another audience",
      () => assertion({ aud: "https://login.microsoftonline.com/x/oauth2/v2.0/token" }),
      700023,
    ],
    ["issued for another client", () => assertion({ iss: randomUUID() }), 700021],
  ] as const)("an assertion %s is refused", async (_name, make, code) => {
    const res = await tokenRequest(withAssertion(await make()));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: "invalid_client", error_codes: [code] });
  });

  test("every issuance and refusal is in the tenant's sign-in log", async () => {
    const signIns = t.emu.store.tenant(t.tenant.tenantId)?.collection("signIns");
    const before = signIns?.size ?? 0;
    await tokenRequest({ ...base(), client_secret: "wrong" });
    await tokenRequest({ ...base(), client_secret: t.tenant.clientSecret });
    const latest = [...(signIns?.values() ?? [])].slice(before);
    expect(latest.map((s) => (s.status as { errorCode: number }).errorCode)).toEqual([7000215, 0]);
    expect(latest[1]).toMatchObject({ appId: t.tenant.clientId, servicePrincipalId: expect.any(String) });
  });
});
