// `ciam trust-framework …` against the demo Azure AD B2C tenant (custom policies live only there), and
// the secret a key set stores: read from stdin, never echoed in output or errors.
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { b2cDemoConnection } from "@ciamkit/emulator";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, ciam, json, type Run, requireBuilt, startTenant, type TestTenant } from "./harness.ts";

let t: TestTenant;
let b2c: Record<string, string>;
beforeAll(async () => {
  requireBuilt();
  t = await startTenant();
  const conn = b2cDemoConnection(t.emulator.store, t.emulator.loginUrl);
  if (conn === undefined) throw new Error("the demo seed has no B2C tenant");
  b2c = {
    ...t.env,
    AZURE_TENANT_ID: conn.tenantId,
    AZURE_CLIENT_ID: conn.clientId,
    AZURE_CLIENT_SECRET: conn.clientSecret,
  };
});
afterAll(async () => t?.close());

const tf = (args: string[], env = b2c, stdin = "") => ciam(["trust-framework", ...args], env, stdin);
const policy = (id: string, base?: string) =>
  `<TrustFrameworkPolicy xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" PolicySchemaVersion="0.3.0.0" TenantId="fabrikamb2c.onmicrosoft.com" PolicyId="${id}">${
    base === undefined
      ? ""
      : `<BasePolicy><TenantId>fabrikamb2c.onmicrosoft.com</TenantId><PolicyId>${base}</PolicyId></BasePolicy>`
  }</TrustFrameworkPolicy>`;

/** A secret no output may contain: long and distinctive, so a leak cannot hide in other text. */
const SECRET = "fb-app-secret-7c1e9a55d0b34f2e8a6b";
const noLeak = (run: Run) => {
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
};

describe("ciam trust-framework", () => {
  it("policy-upload from a file, then inline with --input; get, list, delete --yes", async () => {
    const file = join(t.bare.HOME ?? "", "base.xml");
    writeFileSync(file, policy("B2C_1A_TrustFrameworkBase"));
    const base = await tf(["policy-upload", "--file", file, "-o", "json"]);
    expect(base.stderr).toBe("");
    expect(base.status).toBe(0);
    expect(json(base)).toMatchObject({ id: "B2C_1A_TrustFrameworkBase" });
    const input = join(t.bare.HOME ?? "", "child.json");
    writeFileSync(
      input,
      JSON.stringify({ xml: policy("B2C_1A_signup_signin", "B2C_1A_TrustFrameworkBase") }),
    );
    expect((await tf(["policy-upload", "--input", input])).status).toBe(0);
    const ids = json<string[]>(await tf(["policy-list", "--query", "[].id", "-o", "json"]));
    expect(ids).toEqual(expect.arrayContaining(["B2C_1A_TrustFrameworkBase", "B2C_1A_signup_signin"]));
    const got = await tf(["policy-get", "--id", "B2C_1A_signup_signin", "--query", "xml", "-o", "tsv"]);
    expect(got.stdout).toContain("<PolicyId>B2C_1A_TrustFrameworkBase</PolicyId>");
    const refused = await tf(["policy-delete", "--id", "B2C_1A_signup_signin"]);
    expect(refused.status).toBe(2);
    expect((await tf(["policy-delete", "--id", "B2C_1A_signup_signin", "--yes"])).status).toBe(0);
    expect((await tf(["policy-get", "--id", "B2C_1A_signup_signin"])).status).toBe(5);
  });

  it("keyset-create, keyset-generate-key, keyset-active-key, keyset-list, keyset-delete --yes", async () => {
    expect(json(await tf(["keyset-create", "--id", "TokenSigningKeyContainer", "-o", "json"]))).toMatchObject(
      {
        id: "B2C_1A_TokenSigningKeyContainer",
      },
    );
    const key = await tf([
      "keyset-generate-key",
      "--id",
      "TokenSigningKeyContainer",
      "--use",
      "sig",
      "--kty",
      "RSA",
      "-o",
      "json",
    ]);
    expect(key.status).toBe(0);
    const active = json<{ kid: string; d?: unknown }>(
      await tf(["keyset-active-key", "--id", "TokenSigningKeyContainer", "-o", "json"]),
    );
    expect(active.kid).toBe(json<{ kid: string }>(key).kid);
    expect(active.d).toBeUndefined();
    const ids = json<string[]>(await tf(["keyset-list", "--query", "[].id", "-o", "json"]));
    expect(ids).toContain("B2C_1A_TokenSigningKeyContainer");
    expect((await tf(["keyset-delete", "--id", "TokenSigningKeyContainer", "--yes"])).status).toBe(0);
    expect((await tf(["keyset-get", "--id", "TokenSigningKeyContainer"])).status).toBe(5);
  });

  it("keyset-upload-pfx reads the file's password from stdin and never prints it", async () => {
    const password = "pfx-pass-never-shown";
    const file = join(t.bare.HOME ?? "", "saml.pfx");
    writeFileSync(file, selfSignedPfx(password));
    expect((await tf(["keyset-create", "--id", "SamlSigning"])).status).toBe(0);
    const args = [
      "keyset-upload-pfx",
      "--id",
      "SamlSigning",
      "--file",
      file,
      "--password-stdin",
      "-o",
      "json",
    ];
    const wrong = await tf(args, b2c, "guess\n");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/password: the PKCS#12 file does not open with it/);
    const run = await tf(args, b2c, `${password}\n`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(json(run)).toMatchObject({ use: "sig", kty: "RSA" });
    expect(run.stdout + wrong.stdout + wrong.stderr).not.toContain(password);
  });

  it("keyset-upload-secret reads the secret from stdin and never prints it", async () => {
    expect((await tf(["keyset-create", "--id", "FacebookSecret"])).status).toBe(0);
    const run = await tf(
      ["keyset-upload-secret", "--id", "FacebookSecret", "--use", "sig", "--secret-stdin", "-o", "json"],
      b2c,
      `${SECRET}\n`,
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    noLeak(run);
    expect(json(run)).toMatchObject({ use: "sig", kty: "OCT" });
    const keyset = await tf(["keyset-get", "--id", "FacebookSecret", "-o", "json"]);
    noLeak(keyset);
  });

  it.each<[string, string[], string, number, RegExp]>([
    [
      "a key set that does not exist (404)",
      ["--id", "NoSuchSet", "--use", "sig", "--secret-stdin"],
      SECRET,
      5,
      /not/i,
    ],
    [
      "the secret both ways",
      ["--id", "FacebookSecret", "--use", "sig", "--secret", SECRET, "--secret-stdin"],
      SECRET,
      2,
      /either --secret or --secret-stdin/,
    ],
    [
      "an empty stdin",
      ["--id", "FacebookSecret", "--use", "sig", "--secret-stdin"],
      "",
      2,
      /stdin was empty/,
    ],
    [
      "a secret over 4096 characters",
      ["--id", "FacebookSecret", "--use", "sig", "--secret-stdin"],
      SECRET.repeat(200),
      2,
      /invalid --secret/,
    ],
    [
      "a wrong --use next to a secret flag",
      ["--id", "FacebookSecret", "--use", "both", "--secret", SECRET],
      "",
      2,
      /Allowed choices are sig, enc/,
    ],
    [
      "a stray argument after the secret",
      ["--id", "FacebookSecret", "--use", "sig", "--secret", SECRET, "extra"],
      "",
      2,
      /too many arguments/,
    ],
  ])("fails without echoing the secret: %s", async (_name, args, stdin, status, message) => {
    const run = await tf(["keyset-upload-secret", ...args], b2c, stdin);
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(message);
    noLeak(run);
  });

  it("an external (CIAM) tenant refuses custom policies: an API error, the secret not echoed", async () => {
    const run = await tf(
      ["keyset-upload-secret", "--id", "FacebookSecret", "--use", "sig", "--secret", SECRET],
      t.env,
    );
    // Graph answers 403 (Microsoft's wording kept), so it is exit 4 like a missing permission.
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/^ciam: error: .*is not an Azure AD B2C directory/);
    noLeak(run);
  });

  it("an app without the key set permission gets exit 4 naming it", async () => {
    const { env } = await appEnv(t, "Policy reader", ["Policy.ReadWrite.TrustFramework"], b2c);
    const run = await tf(["keyset-list"], env);
    expect(run.status).toBe(4);
    expect(run.stderr).toContain("TrustFrameworkKeySet.Read.All");
  });
});

/** A PKCS#12 file of a new self-signed RSA certificate and its key, as `openssl pkcs12 -export` would write. */
function selfSignedPfx(password: string): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date("2026-01-01T00:00:00Z");
  cert.validity.notAfter = new Date("2030-01-01T00:00:00Z");
  const name = [{ name: "commonName", value: "SAML signing" }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: "aes256" });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}
