import { X509Certificate } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { b2cDemoConnection } from "../src/seed/b2c-seed.ts";
import { pkcs12File, selfSignedCertificate } from "./helpers/certificate.ts";
import { useTestEmulator } from "./helpers/emulator.ts";
import { call, type Reply, tokenFor } from "./helpers/graph-calls.ts";

const t = useTestEmulator({ throttling: false });
let b2c: string;
let external: string;
beforeEach(async () => {
  await t.emu.control.reset();
  const conn = b2cDemoConnection(t.emu.store, t.emu.loginUrl);
  if (conn === undefined) throw new Error("the demo seed has no B2C tenant");
  b2c = await tokenFor(t, conn.tenantId, conn.clientId, conn.clientSecret);
  external = await t.graphToken();
});

const policy = (id: string, base?: string, tenant = "fabrikamb2c.onmicrosoft.com") =>
  `<?xml version="1.0" encoding="utf-8"?>
<TrustFrameworkPolicy xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" PolicySchemaVersion="0.3.0.0" TenantId="${tenant}" PolicyId="${id}">
${base === undefined ? "" : `  <BasePolicy><TenantId>${tenant}</TenantId><PolicyId>${base}</PolicyId></BasePolicy>\n`}</TrustFrameworkPolicy>`;
const xml = { "content-type": "application/xml" };
const g = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
  token = b2c,
): Promise<Reply> => call(t, token, method, `/beta/trustFramework${path}`, body, headers);

describe("trust framework policies (B2C, beta)", () => {
  test("upload, list, read the XML back, replace with PUT $value (200) and delete", async () => {
    const created = await g("POST", "/policies", policy("B2C_1A_TrustFrameworkBase"), xml);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/trustFramework/policies/B2C_1A_TrustFrameworkBase/");
    expect(created.headers.get("content-type")).toContain("application/xml");
    expect(created.body).toContain(
      'PublicPolicyUri="http://fabrikamb2c.onmicrosoft.com/B2C_1A_TrustFrameworkBase"',
    );
    expect(
      (
        await g(
          "PUT",
          "/policies/B2C_1A_signup_signin/$value",
          policy("B2C_1A_signup_signin", "B2C_1A_TrustFrameworkBase"),
          xml,
        )
      ).status,
    ).toBe(201);
    expect((await g("GET", "/policies")).body.value).toEqual([
      { id: "B2C_1A_TrustFrameworkBase" },
      { id: "B2C_1A_signup_signin" },
    ]);
    expect((await g("GET", "/policies/B2C_1A_signup_signin")).body).toMatchObject({
      id: "B2C_1A_signup_signin",
    });
    const value = await g("GET", "/policies/B2C_1A_signup_signin/$value");
    expect(value.headers.get("content-type")).toContain("application/xml");
    expect(value.body).toContain("<PolicyId>B2C_1A_TrustFrameworkBase</PolicyId>");
    expect(
      (await g("PUT", "/policies/B2C_1A_signup_signin/$value", policy("B2C_1A_signup_signin"), xml)).status,
    ).toBe(200);
    expect((await g("DELETE", "/policies/B2C_1A_signup_signin")).status).toBe(204);
    expect((await g("GET", "/policies/B2C_1A_signup_signin")).status).toBe(404);
  });

  test.each([
    ["a text/plain body", policy("B2C_1A_x"), { "content-type": "text/plain" }, 415, "application/xml"],
    ["not a policy document", "<Policy/>", xml, 400, "TrustFrameworkPolicy"],
    ["a PolicyId without B2C_1A_", policy("signin"), xml, 400, "B2C_1A_"],
    [
      "another tenant's policy",
      policy("B2C_1A_x", undefined, "contoso.onmicrosoft.com"),
      xml,
      400,
      "TenantId",
    ],
    ["a missing base policy", policy("B2C_1A_x", "B2C_1A_Missing"), xml, 400, "cannot be found"],
  ])("refuses %s and stores nothing", async (_name, body, headers, status, message) => {
    const r = await g("POST", "/policies", body, headers);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe("AADB2C");
    expect(r.body.error.message).toContain(message);
    expect((await g("GET", "/policies")).body.value).toEqual([]);
  });

  test("a second POST of the same id is 409; PUT with another id than the document's is 400", async () => {
    await g("POST", "/policies", policy("B2C_1A_Base"), xml);
    expect((await g("POST", "/policies", policy("B2C_1A_Base"), xml)).status).toBe(409);
    expect((await g("PUT", "/policies/B2C_1A_Other/$value", policy("B2C_1A_Base"), xml)).status).toBe(400);
  });
});

describe("trust framework key sets (B2C, beta)", () => {
  test("create prefixes B2C_1A_; generate, upload a secret and a certificate; the newest valid key is active", async () => {
    const created = await g("POST", "/keySets", { id: "TokenSigningKeyContainer" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: "B2C_1A_TokenSigningKeyContainer", keys: [] });
    expect(created.headers.get("location")).toMatch(
      /trustFramework\/keySets\('B2C_1A_TokenSigningKeyContainer'\)$/,
    );
    const set = "/keySets/B2C_1A_TokenSigningKeyContainer";
    const rsa = await g("POST", `${set}/generateKey`, { use: "sig", kty: "RSA" });
    expect(rsa.status).toBe(200);
    expect(rsa.body).toMatchObject({
      kty: "RSA",
      use: "sig",
      e: "AQAB",
      status: "enabled",
      d: null,
      p: null,
      k: null,
    });
    expect(rsa.body.n.length).toBeGreaterThan(300);
    const secret = await g("POST", `${set}/uploadSecret`, { use: "enc", k: "s3cr3t-value-never-echoed" });
    expect(secret.body).toMatchObject({ kty: "OCT", use: "enc", k: null });
    const cert = await selfSignedCertificate("CN=policy key");
    const uploaded = await g("POST", `${set}/uploadCertificate`, { key: cert.der });
    const x509 = new X509Certificate(Buffer.from(cert.der, "base64"));
    expect(uploaded.body).toMatchObject({
      kty: "RSA",
      use: "sig",
      x5c: [cert.der],
      exp: Math.floor(Date.parse(x509.validTo) / 1000),
    });
    const active = await g("GET", `${set}/getActiveKey`);
    expect(active.body.kid).toBe(uploaded.body.kid);
    const read = await g("GET", set);
    expect(read.body.keys.map((k: { kid: string }) => k.kid)).toEqual([
      rsa.body.kid,
      secret.body.kid,
      uploaded.body.kid,
    ]);
    const everything =
      JSON.stringify((await g("GET", "/keySets")).body) + JSON.stringify(await t.emu.control.snapshot());
    expect(everything).not.toContain("s3cr3t-value-never-echoed");
    expect((await g("DELETE", set)).status).toBe(204);
    expect((await g("GET", set)).status).toBe(404);
  });

  test.each([
    ["generateKey with kty EC", "generateKey", { use: "sig", kty: "EC" }, "kty"],
    ["generateKey with use 'both'", "generateKey", { use: "both", kty: "RSA" }, "use"],
    ["uploadSecret without k", "uploadSecret", { use: "sig" }, "'k'"],
    ["uploadCertificate with junk", "uploadCertificate", { key: "bm90IGEgY2VydA==" }, "X.509"],
    ["uploadPkcs12 with junk", "uploadPkcs12", { key: "bm90IGEgcGZ4", password: "x" }, "PKCS#12"],
    ["uploadPkcs12 without key", "uploadPkcs12", { password: "x" }, "'key'"],
  ])("%s is 400 and adds no key", async (_name, action, body, message) => {
    await g("POST", "/keySets", { id: "K" });
    const r = await g("POST", `/keySets/B2C_1A_K/${action}`, body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain(message);
    expect((await g("GET", "/keySets/B2C_1A_K")).body.keys).toEqual([]);
  });

  test("uploadPkcs12 adds the file's certificate as a signing key, never its private half", async () => {
    await g("POST", "/keySets", { id: "SamlSigning" });
    const set = "/keySets/B2C_1A_SamlSigning";
    const { pfx, der } = await pkcs12File("pfx-pass-word");
    const wrong = await g("POST", `${set}/uploadPkcs12`, { key: pfx, password: "not-it" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain("could not be opened as PKCS#12");
    expect(JSON.stringify(wrong.body)).not.toContain("not-it");
    expect((await g("GET", set)).body.keys).toEqual([]);
    const uploaded = await g("POST", `${set}/uploadPkcs12`, { key: pfx, password: "pfx-pass-word" });
    expect(uploaded.status).toBe(200);
    const x509 = new X509Certificate(Buffer.from(der, "base64"));
    expect(uploaded.body).toMatchObject({
      kty: "RSA",
      use: "sig",
      x5c: [der],
      nbf: Math.floor(Date.parse(x509.validFrom) / 1000),
      d: null,
      p: null,
      q: null,
    });
    expect((await g("GET", `${set}/getActiveKey`)).body.kid).toBe(uploaded.body.kid);
    const everything =
      JSON.stringify((await g("GET", set)).body) + JSON.stringify(await t.emu.control.snapshot());
    expect(everything).not.toContain("pfx-pass-word");
    expect(everything).not.toContain(pfx.slice(0, 64));
  });

  test("creates a key set with its keys in the body (201), as the create page's example does", async () => {
    const cert = await selfSignedCertificate("CN=with keys");
    const x5t = new X509Certificate(Buffer.from(cert.der, "base64")).fingerprint.replace(/:/g, "");
    const r = await g("POST", "/keySets", {
      id: "keyset1",
      keys: [
        { kid: "k-oct", kty: "oct", use: "enc", k: "a2V5LXNldC1zZWNyZXQ", nbf: 1767225600, exp: 1830297600 },
        { kid: "k-rsa", kty: "RSA", use: "sig", x5c: [cert.der], x5t, e: "AQAB", n: "sXch" },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe("B2C_1A_keyset1");
    expect(r.body.keys).toEqual([
      expect.objectContaining({ kid: "k-oct", kty: "OCT", use: "enc", k: null, nbf: 1767225600 }),
      expect.objectContaining({ kid: "k-rsa", kty: "RSA", use: "sig", e: "AQAB" }),
    ]);
    expect(JSON.stringify(await t.emu.control.snapshot())).not.toContain("a2V5LXNldC1zZWNyZXQ");
    expect((await g("POST", "/keySets", { id: "bad", keys: [{ kty: "oct", use: "enc" }] })).status).toBe(400);
    expect((await g("GET", "/keySets/B2C_1A_bad")).status).toBe(404);
  });

  test("PUT replaces the keys; secret members are kept out of every answer", async () => {
    await g("POST", "/keySets", { id: "Replace" });
    await g("POST", "/keySets/B2C_1A_Replace/generateKey", { use: "sig", kty: "RSA" });
    const r = await g("PUT", "/keySets/B2C_1A_Replace", {
      keys: [{ kid: "k1", kty: "oct", use: "enc", k: "c2VjcmV0LXZhbHVl" }],
    });
    expect(r.status).toBe(200);
    expect(r.body.keys).toEqual([expect.objectContaining({ kid: "k1", kty: "OCT", use: "enc", k: null })]);
    expect(JSON.stringify(await t.emu.control.snapshot())).not.toContain("c2VjcmV0LXZhbHVl");
    expect((await g("PUT", "/keySets/B2C_1A_Replace", { keys: [{ kty: "oct", use: "enc" }] })).status).toBe(
      400,
    );
    expect((await g("GET", "/keySets/B2C_1A_Replace")).body.keys.map((k: { kid: string }) => k.kid)).toEqual([
      "k1",
    ]);
  });

  test("an expired key is not active; a duplicate set is 409", async () => {
    await g("POST", "/keySets", { id: "B2C_1A_Old" });
    expect((await g("POST", "/keySets", { id: "Old" })).status).toBe(409);
    await g("POST", "/keySets/B2C_1A_Old/generateKey", { use: "sig", kty: "OCT", exp: 1_000_000 });
    const r = await g("GET", "/keySets/B2C_1A_Old/getActiveKey");
    expect(r.status).toBe(404);
  });
});

describe("where the trust framework answers", () => {
  test.each([["/policies"], ["/keySets"]])(
    "v1.0%s is 400: there is no v1.0 trust framework",
    async (path) => {
      const r = await call(t, b2c, "GET", `/v1.0/trustFramework${path}`);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain("trustFramework");
    },
  );

  test.each([["/policies"], ["/keySets"]])("an external tenant answers %s with 403 AADB2C", async (path) => {
    const r = await g("GET", path, undefined, undefined, external);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: "AADB2C" });
    expect(r.body.error.message).toContain("not an Azure AD B2C directory");
  });

  test("a B2C caller without the permission gets AADB2C 403", async () => {
    const conn = b2cDemoConnection(t.emu.store, t.emu.loginUrl);
    if (conn === undefined) throw new Error("no B2C tenant");
    const app = (await call(t, b2c, "POST", "/v1.0/applications", { displayName: "no rights" })).body;
    await call(t, b2c, "POST", "/v1.0/servicePrincipals", { appId: app.appId });
    const secret = (await call(t, b2c, "POST", `/v1.0/applications/${app.id}/addPassword`, {})).body
      .secretText;
    const weak = await tokenFor(t, conn.tenantId, app.appId, secret);
    const r = await g("GET", "/keySets", undefined, undefined, weak);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain("TrustFrameworkKeySet.Read.All");
  });
});
