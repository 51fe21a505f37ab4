// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** PEM material for the HTTPS listeners: the leaf certificate and key, and the CA that signed it. */
export interface TlsMaterial {
  /** Leaf certificate (PEM), SAN `IP:127.0.0.1`, `DNS:localhost`. */
  cert: string;
  /** Leaf private key (PKCS#8 PEM). */
  key: string;
  /** The CA certificate clients trust (PEM). */
  ca: string;
}

const rsa = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

/** A self-signed certificate and its PKCS#8 private key, both PEM. */
export interface CertificateAndKey {
  cert: string;
  key: string;
}

/**
 * Makes a fresh CA and a leaf certificate for `127.0.0.1`/`localhost` (plus `extraHosts`), valid a
 * year. A new pair per start: nothing private is ever written to disk.
 */
export async function generateTls(extraHosts: readonly string[] = []): Promise<TlsMaterial> {
  const now = new Date(Date.now() - 60_000);
  const notAfter = new Date(now.getTime() + 365 * 86_400_000);
  const caKeys = await webcrypto.subtle.generateKey(rsa, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: "CN=ciamkit emulator local CA",
    notBefore: now,
    notAfter,
    signingAlgorithm: rsa,
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const leafKeys = await webcrypto.subtle.generateKey(rsa, true, ["sign", "verify"]);
  const names: x509.JsonGeneralName[] = [
    { type: "ip", value: "127.0.0.1" },
    { type: "dns", value: "localhost" },
  ];
  for (const host of extraHosts) {
    if (host === "127.0.0.1" || host === "localhost") continue;
    names.push({ type: /^[\d.]+$|:/.test(host) ? "ip" : "dns", value: host });
  }
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=127.0.0.1",
    issuer: ca.subject,
    notBefore: now,
    notAfter,
    signingAlgorithm: rsa,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
    ],
  });
  return { cert: leaf.toString("pem"), key: await exportKey(leafKeys.privateKey), ca: ca.toString("pem") };
}

/**
 * A self-signed RSA certificate for an application credential (what `az ad app credential reset
 * --create-cert` makes): clients sign client assertions with `key`.
 */
export async function generateCredentialCertificate(subject: string): Promise<CertificateAndKey> {
  const keys = await webcrypto.subtle.generateKey(rsa, true, ["sign", "verify"]);
  const now = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${subject}`,
    notBefore: now,
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
    signingAlgorithm: rsa,
    keys,
  });
  return { cert: cert.toString("pem"), key: await exportKey(keys.privateKey) };
}

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  const body = der.toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN PRIVATE KEY-----\n${body}${body.endsWith("\n") ? "" : "\n"}-----END PRIVATE KEY-----\n`;
}

function randomSerial(): string {
  // A positive serial: clear the top bit of the first byte.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}
