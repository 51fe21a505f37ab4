import { execFileSync } from "node:child_process";
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";

/** Writes a PKCS#12 file of `keyPem` and `certPems` (leaf first unless told) with forge's encoder. */
export function writePkcs12(
  path: string,
  keyPem: string,
  certPems: readonly string[],
  password: string | null,
  algorithm: "aes256" | "3des" = "aes256",
): string {
  const key = forge.pki.privateKeyFromPem(
    createPrivateKey(keyPem).export({ type: "pkcs1", format: "pem" }).toString(),
  );
  const certs = certPems.map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm });
  writeFileSync(path, Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"), { mode: 0o600 });
  return path;
}

/** A self-signed RSA certificate nobody registered (its key in PKCS#8 PEM). */
export function selfSignedCertificate(commonName: string): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: "commonName", value: commonName }]);
  cert.setIssuer([{ name: "commonName", value: commonName }]);
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    forge.md.sha256.create(),
  );
  return { cert: forge.pki.certificateToPem(cert), key: keyPem };
}

/** True when an `openssl` binary is on PATH (for files written by the tool users actually run). */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** `openssl pkcs12 -export` of a PEM key and certificate (`legacy`: 3DES key, RC2-40 certificates). */
export function opensslPkcs12(
  dir: string,
  name: string,
  keyPem: string,
  certPem: string,
  password: string,
  legacy: boolean,
): string {
  const keyFile = join(dir, `${name}.key.pem`);
  const certFile = join(dir, `${name}.cert.pem`);
  writeFileSync(keyFile, keyPem, { mode: 0o600 });
  writeFileSync(certFile, certPem);
  const out = join(dir, `${name}.pfx`);
  const args = ["pkcs12", "-export", "-inkey", keyFile, "-in", certFile, "-out", out, "-passout", "stdin"];
  execFileSync("openssl", legacy ? [...args, "-legacy"] : args, { input: `${password}\n` });
  return out;
}
