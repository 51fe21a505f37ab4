import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CiamClient } from "../src/client.ts";
import { createKeySetOperation } from "../src/graph/trust-framework/create-keyset.ts";
import { deleteKeySetOperation } from "../src/graph/trust-framework/delete-keyset.ts";
import { deletePolicyOperation } from "../src/graph/trust-framework/delete-policy.ts";
import { generateKeyOperation } from "../src/graph/trust-framework/generate-key.ts";
import { getActiveKeyOperation } from "../src/graph/trust-framework/get-active-key.ts";
import { getKeySetOperation } from "../src/graph/trust-framework/get-keyset.ts";
import { getPolicyOperation } from "../src/graph/trust-framework/get-policy.ts";
import { listKeySetsOperation } from "../src/graph/trust-framework/list-keysets.ts";
import { listPoliciesOperation } from "../src/graph/trust-framework/list-policies.ts";
import { uploadCertificateOperation } from "../src/graph/trust-framework/upload-certificate.ts";
import { uploadPfxOperation } from "../src/graph/trust-framework/upload-pfx.ts";
import { uploadPolicyOperation } from "../src/graph/trust-framework/upload-policy.ts";
import { uploadSecretOperation } from "../src/graph/trust-framework/upload-secret.ts";
import { ConflictError, NotFoundError, PermissionError, ValidationError } from "../src/http/errors.ts";
import type { LogEntry } from "../src/http/logger.ts";
import { InvalidInputError } from "../src/operations/run-operation.ts";
import { b2cClient, b2cClientWith } from "./helpers/app-client.ts";
import type { CoreEmulator } from "./helpers/emulator.ts";
import { startCoreEmulator } from "./helpers/emulator.ts";
import { selfSignedCertificate, writePkcs12 } from "./helpers/pkcs12-files.ts";

let e: CoreEmulator;
let b2c: CiamClient;
let external: CiamClient;
const dir = mkdtempSync(join(tmpdir(), "ciamkit-ief-"));
beforeAll(async () => {
  e = await startCoreEmulator();
  external = e.client();
});
afterAll(() => e.stop());
afterEach(() => b2c.close());
beforeEach(async () => {
  await e.emu.control.reset();
  b2c = b2cClient(e);
});

const policy = (id: string, base?: string) =>
  `<TrustFrameworkPolicy xmlns="http://schemas.microsoft.com/online/cpim/schemas/2013/06" PolicySchemaVersion="0.3.0.0" TenantId="fabrikamb2c.onmicrosoft.com" PolicyId="${id}">${
    base === undefined
      ? ""
      : `<BasePolicy><TenantId>fabrikamb2c.onmicrosoft.com</TenantId><PolicyId>${base}</PolicyId></BasePolicy>`
  }</TrustFrameworkPolicy>`;

/** The demo tenant's certificate (PEM): a real X.509 certificate to upload as a policy key. */
function certificatePem(): string {
  const pem = e.tenant.certificate?.cert;
  if (pem === undefined) throw new Error("the demo tenant has no certificate");
  return pem;
}

describe("custom policies", () => {
  it("uploads from a file and from text (base first), lists, reads the XML and deletes", async () => {
    const file = join(dir, "base.xml");
    writeFileSync(file, policy("B2C_1A_TrustFrameworkBase"));
    expect(await b2c.run(uploadPolicyOperation, { file })).toEqual({
      id: "B2C_1A_TrustFrameworkBase",
      created: true,
    });
    expect(
      await b2c.run(uploadPolicyOperation, {
        xml: policy("B2C_1A_signup_signin", "B2C_1A_TrustFrameworkBase"),
      }),
    ).toEqual({ id: "B2C_1A_signup_signin", created: true });
    expect(
      await b2c.run(uploadPolicyOperation, {
        xml: policy("B2C_1A_signup_signin", "B2C_1A_TrustFrameworkBase"),
      }),
    ).toEqual({ id: "B2C_1A_signup_signin", created: false });
    expect((await b2c.run(listPoliciesOperation, {})).items).toEqual([
      { id: "B2C_1A_TrustFrameworkBase" },
      { id: "B2C_1A_signup_signin" },
    ]);
    const got = await b2c.run(getPolicyOperation, { id: "B2C_1A_signup_signin" });
    expect(got.xml).toContain("<PolicyId>B2C_1A_TrustFrameworkBase</PolicyId>");
    await b2c.run(deletePolicyOperation, { id: "B2C_1A_signup_signin" });
    await expect(b2c.run(getPolicyOperation, { id: "B2C_1A_signup_signin" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("refuses XML without a B2C_1A_ PolicyId locally, and a policy whose base is missing in Graph", async () => {
    await expect(b2c.run(uploadPolicyOperation, { xml: "<Policy/>" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(
      b2c.run(uploadPolicyOperation, { xml: policy("B2C_1A_child", "B2C_1A_missing") }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await b2c.run(listPoliciesOperation, {})).items).toEqual([]);
  });

  it("an external tenant refuses custom policies (AADB2C 403), and the advice names the tenant kind", async () => {
    const error = await external.run(listPoliciesOperation, {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).code).toBe("AADB2C");
    expect((error as PermissionError).reason).toBe("wrong-tenant-kind");
    expect((error as Error).message).toContain("not an Azure AD B2C directory");
    expect((error as Error).message).toContain("The cause is the tenant's kind, not a permission");
    expect((error as Error).message).not.toContain("ciam app grant");
  });

  it("a B2C app without the permission is told which one to grant", async () => {
    const limited = b2cClientWith(e, []);
    const error = await limited.run(listPoliciesOperation, {}).catch((err: unknown) => err);
    await limited.close();
    expect(error).toBeInstanceOf(PermissionError);
    expect((error as PermissionError).reason).toBe("missing-permission");
    expect((error as Error).message).toContain("ciam app grant --permission Policy.Read.All");
  });

  it("is beta only: the same call on Graph v1.0 is a 400", async () => {
    const error = await b2c.graph.get("/trustFramework/policies").catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).status).toBe(400);
  });
});

describe("policy key sets", () => {
  it("create (prefixed), generate, upload a secret and a certificate, active key, list, delete", async () => {
    const created = await b2c.run(createKeySetOperation, { id: "TokenSigningKeyContainer" });
    expect(created).toEqual({ id: "B2C_1A_TokenSigningKeyContainer", keys: [] });
    await expect(
      b2c.run(createKeySetOperation, { id: "B2C_1A_TokenSigningKeyContainer" }),
    ).rejects.toBeInstanceOf(ConflictError);
    const rsa = await b2c.run(generateKeyOperation, {
      id: "TokenSigningKeyContainer",
      use: "sig",
      kty: "RSA",
    });
    expect(rsa).toMatchObject({ kty: "RSA", use: "sig", e: "AQAB", status: "enabled" });
    const pem = certificatePem();
    const certFile = join(dir, "partner.pem");
    writeFileSync(certFile, pem);
    const cert = await b2c.run(uploadCertificateOperation, {
      id: "TokenSigningKeyContainer",
      file: certFile,
    });
    expect(cert.x5t).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect((await b2c.run(getActiveKeyOperation, { id: "TokenSigningKeyContainer" })).kid).toBe(cert.kid);
    const set = await b2c.run(getKeySetOperation, { id: "B2C_1A_TokenSigningKeyContainer" });
    expect(set.keys.map((k) => k.kid)).toEqual([rsa.kid, cert.kid]);
    expect((await b2c.run(listKeySetsOperation, {})).items.map((s) => s.id)).toEqual([
      "B2C_1A_TokenSigningKeyContainer",
    ]);
    await b2c.run(deleteKeySetOperation, { id: "TokenSigningKeyContainer" });
    await expect(b2c.run(getKeySetOperation, { id: "TokenSigningKeyContainer" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("an uploaded secret is never returned or logged", async () => {
    const logs: LogEntry[] = [];
    const logged = b2cClient(e, (entry) => logs.push(entry));
    await logged.run(createKeySetOperation, { id: "FacebookSecret" });
    const key = await logged.run(uploadSecretOperation, {
      id: "FacebookSecret",
      use: "sig",
      secret: "fb-app-secret-123456",
    });
    expect(key).toMatchObject({ kty: "OCT", use: "sig" });
    const set = await logged.run(getKeySetOperation, { id: "FacebookSecret" });
    expect(logs.length).toBeGreaterThan(2);
    expect(JSON.stringify([key, set, logs])).not.toContain("fb-app-secret-123456");
    await logged.close();
    await expect(
      b2c.run(uploadSecretOperation, { id: "FacebookSecret", use: "sig", secret: "" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      b2c.run(uploadCertificateOperation, { id: "FacebookSecret", certificate: "bm90IGEgY2VydA==" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("unknown sets and policies are not found; an expired key is not active; bad key input fails before sending", async () => {
    await expect(b2c.run(deletePolicyOperation, { id: "B2C_1A_missing" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(b2c.run(deleteKeySetOperation, { id: "Missing" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      b2c.run(generateKeyOperation, { id: "Missing", use: "sig", kty: "RSA" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await b2c.run(createKeySetOperation, { id: "Old" });
    await expect(b2c.run(getActiveKeyOperation, { id: "Old" })).rejects.toBeInstanceOf(NotFoundError);
    await b2c.run(generateKeyOperation, { id: "Old", use: "enc", kty: "OCT", exp: 1_000_000 });
    await expect(b2c.run(getActiveKeyOperation, { id: "Old" })).rejects.toBeInstanceOf(NotFoundError);
    // @ts-expect-error: not a key type (refused at compile time, and at run time for untyped callers)
    await expect(b2c.run(generateKeyOperation, { id: "Old", use: "sig", kty: "EC" })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(b2c.run(getKeySetOperation, { id: "bad id!" })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("uploads a PKCS#12 file as a signing key; a wrong password fails before sending and is never logged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciam-pfx-"));
    const { cert, key } = selfSignedCertificate("SAML signing");
    const file = writePkcs12(join(dir, "saml.pfx"), key, [cert], "pfx-password-42");
    const logs: LogEntry[] = [];
    const logged = b2cClient(e, (entry) => logs.push(entry));
    await logged.run(createKeySetOperation, { id: "SamlSigning" });
    const before = e.emu.control.monitor.requests().length;
    const wrong = await logged
      .run(uploadPfxOperation, { id: "SamlSigning", file, password: "guess" })
      .catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(InvalidInputError);
    expect(String(wrong)).toMatch(/password: the PKCS#12 file does not open with it/);
    expect(e.emu.control.monitor.requests().length).toBe(before);
    const uploaded = await logged.run(uploadPfxOperation, {
      id: "SamlSigning",
      file,
      password: "pfx-password-42",
    });
    expect(uploaded).toMatchObject({ kty: "RSA", use: "sig" });
    expect(await logged.run(getActiveKeyOperation, { id: "SamlSigning" })).toMatchObject({
      kid: uploaded.kid,
    });
    expect(JSON.stringify([uploaded, logs])).not.toContain("pfx-password-42");
    await logged.close();
    await expect(
      b2c.run(uploadPfxOperation, { id: "SamlSigning", pfxBase64: "bm90IGEgcGZ4", password: "x" }),
    ).rejects.toThrow(/pfxBase64: not a PKCS#12 file/);
    await expect(
      external.run(uploadPfxOperation, { id: "SamlSigning", file, password: "pfx-password-42" }),
    ).rejects.toBeInstanceOf(PermissionError);
  });

  it("uploads a PKCS#12 given inline as base64, bounded like a file, and refuses a larger one before sending", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ciam-pfx-inline-"));
    const { cert, key } = selfSignedCertificate("Inline SAML signing");
    const file = writePkcs12(join(dir, "inline.pfx"), key, [cert], "inline-pw-7");
    await b2c.run(createKeySetOperation, { id: "InlineSigning" });
    const pfxBase64 = readFileSync(file).toString("base64");
    const uploaded = await b2c.run(uploadPfxOperation, {
      id: "InlineSigning",
      pfxBase64,
      password: "inline-pw-7",
    });
    expect(uploaded).toMatchObject({ kty: "RSA", use: "sig" });
    const before = e.emu.control.monitor.requests().length;
    const big = join(dir, "big.pfx");
    writeFileSync(big, Buffer.alloc(64 * 1024 + 1));
    await expect(b2c.run(uploadPfxOperation, { id: "InlineSigning", file: big })).rejects.toThrow(
      `file: ${big} has 65537 bytes, the most is 65536`,
    );
    await expect(
      b2c.run(uploadPfxOperation, { id: "InlineSigning", pfxBase64: "A".repeat(87_384 + 4) }),
    ).rejects.toThrow(/pfxBase64: Too big/);
    expect(e.emu.control.monitor.requests().length).toBe(before);
  });

  it("an external tenant refuses key sets (AADB2C 403)", async () => {
    await expect(external.run(listKeySetsOperation, {})).rejects.toBeInstanceOf(PermissionError);
  });
});
