import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { clientCertificateCredential, loadCertificate } from "../src/auth/client-certificate.ts";
import { CredentialConfigurationError, fromEnvironment } from "../src/auth/from-environment.ts";
import { useCoreEmulator } from "./helpers/emulator.ts";
import { hasOpenssl, opensslPkcs12, selfSignedCertificate, writePkcs12 } from "./helpers/pkcs12-files.ts";

const GRAPH = "https://graph.microsoft.com/.default";
const PASSWORD = "Pfx-Passw0rd-4815162342";

const { t } = useCoreEmulator();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ciamkit-p12-"));
});

const common = () => ({ tenantId: t.tenant.tenantId, clientId: t.tenant.clientId, cloud: t.cloud });

function demo() {
  const cert = t.tenant.certificate;
  if (cert === undefined) throw new Error("the demo tenant has no certificate");
  return cert;
}

function appidacr(token: string): unknown {
  return JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString()).appidacr;
}

describe("PKCS#12 certificates", () => {
  it.each([
    { name: "AES-256 with a password", password: PASSWORD, algorithm: "aes256" as const },
    { name: "3DES with a password (older Windows exports)", password: PASSWORD, algorithm: "3des" as const },
    { name: "AES-256 without a password", password: "", algorithm: "aes256" as const },
  ])("$name: thumbprint of the registered certificate, token issued", async ({ password, algorithm }) => {
    const file = writePkcs12(
      join(dir, `app-${algorithm}-${password.length}.pfx`),
      demo().key,
      [demo().cert],
      password,
      algorithm,
    );
    const options = { ...common(), certificatePath: file, password };
    expect(loadCertificate(options).thumbprintSha256).toBe(demo().thumbprintSha256.toLowerCase());
    const token = await clientCertificateCredential(options).getToken(GRAPH);
    expect(appidacr(token.token)).toBe("2");
  });

  it.skipIf(!hasOpenssl())(
    "files written by `openssl pkcs12 -export` (default and -legacy RC2/3DES) are read (skipped without openssl)",
    () => {
      for (const legacy of [false, true]) {
        const file = opensslPkcs12(dir, `openssl-${legacy}`, demo().key, demo().cert, PASSWORD, legacy);
        expect(
          loadCertificate({ ...common(), certificatePath: file, password: PASSWORD }).thumbprintSha256,
        ).toBe(demo().thumbprintSha256.toLowerCase());
      }
    },
  );

  it("a file named .p12 or without an extension is recognised by its content", () => {
    const file = writePkcs12(join(dir, "no-extension"), demo().key, [demo().cert], PASSWORD);
    expect(loadCertificate({ ...common(), certificatePath: file, password: PASSWORD }).privateKey).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
  });

  it("puts the certificate of the key first in the chain (x5c), whatever the file's order", () => {
    const ca = selfSignedCertificate("Some CA");
    const file = writePkcs12(join(dir, "chain.pfx"), demo().key, [ca.cert, demo().cert], PASSWORD);
    const material = loadCertificate({ ...common(), certificatePath: file, password: PASSWORD });
    const blocks = material.chain.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    expect(blocks).toHaveLength(2);
    expect(material.chain.startsWith(demo().cert.trim().slice(0, 80))).toBe(true);
    expect(material.thumbprintSha256).toBe(demo().thumbprintSha256.toLowerCase());
  });

  it.each([
    {
      name: "a wrong password",
      password: "not-the-password-93170",
      match: /password .* is missing or wrong/,
    },
    { name: "no password", password: undefined, match: /password .* is missing or wrong/ },
  ])("$name gives a clear error without the password", ({ password, match }) => {
    const file = writePkcs12(join(dir, "locked.pfx"), demo().key, [demo().cert], PASSWORD);
    const error = (() => {
      try {
        loadCertificate({ ...common(), certificatePath: file, password });
      } catch (e) {
        return e as Error;
      }
      throw new Error("no error");
    })();
    expect(error.message).toMatch(match);
    expect(error.message).toContain(file);
    expect(error.message).not.toContain(PASSWORD);
    if (password !== undefined) expect(error.message).not.toContain(password);
  });

  it("a damaged file, or a key without its certificate, is refused before any request", () => {
    const damaged = join(dir, "damaged.pfx");
    writeFileSync(damaged, Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01]));
    expect(() => loadCertificate({ ...common(), certificatePath: damaged, password: PASSWORD })).toThrow(
      /is not a readable PKCS#12/,
    );
    const stranger = selfSignedCertificate("someone else");
    const mismatched = writePkcs12(join(dir, "mismatch.pfx"), demo().key, [stranger.cert], PASSWORD);
    expect(() => loadCertificate({ ...common(), certificatePath: mismatched, password: PASSWORD })).toThrow(
      /holds no certificate for its private key/,
    );
    expect(() => loadCertificate({ ...common(), certificatePath: join(dir, "absent.pfx") })).toThrow(
      /cannot be read \(ENOENT\)/,
    );
  });

  it("fromEnvironment: AZURE_CLIENT_CERTIFICATE_PATH to a .pfx with AZURE_CLIENT_CERTIFICATE_PASSWORD", async () => {
    const file = writePkcs12(join(dir, "env.pfx"), demo().key, [demo().cert], PASSWORD);
    const env = {
      AZURE_TENANT_ID: t.tenant.tenantId,
      AZURE_CLIENT_ID: t.tenant.clientId,
      AZURE_CLIENT_CERTIFICATE_PATH: file,
    };
    const built = fromEnvironment({
      cloud: t.cloud,
      env: { ...env, AZURE_CLIENT_CERTIFICATE_PASSWORD: PASSWORD },
    });
    expect(built.kind).toBe("certificate");
    expect(appidacr((await built.credential.getToken(GRAPH)).token)).toBe("2");
    const wrong = "Wrong-Env-Password-55";
    const error = (() => {
      try {
        fromEnvironment({ cloud: t.cloud, env: { ...env, AZURE_CLIENT_CERTIFICATE_PASSWORD: wrong } });
      } catch (e) {
        return e as Error;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(CredentialConfigurationError);
    expect(error.message).toMatch(/AZURE_CLIENT_CERTIFICATE_PATH.*password .* missing or wrong/);
    expect(error.message).not.toContain(wrong);
  });
});

describe("PEM with an encrypted private key", () => {
  it("is read with the password; a wrong one is refused without echoing it", async () => {
    const { createPrivateKey } = await import("node:crypto");
    const encrypted = createPrivateKey(demo().key)
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: PASSWORD })
      .toString();
    expect(encrypted).toContain("ENCRYPTED PRIVATE KEY");
    const file = join(dir, "encrypted.pem");
    writeFileSync(file, `${encrypted}\n${demo().cert}\n`, { mode: 0o600 });
    const credential = clientCertificateCredential({
      ...common(),
      certificatePath: file,
      password: PASSWORD,
    });
    expect(appidacr((await credential.getToken(GRAPH)).token)).toBe("2");
    const wrong = "Wrong-Pem-Password-77";
    expect(() => loadCertificate({ ...common(), certificatePath: file, password: wrong })).toThrow(
      /encrypted and the password is missing or wrong/,
    );
    try {
      loadCertificate({ ...common(), certificatePath: file, password: wrong });
    } catch (e) {
      expect((e as Error).message).not.toContain(wrong);
    }
  });
});
