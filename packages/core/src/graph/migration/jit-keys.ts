/**
 * The key custom authentication extensions encrypt the password context to: an RSA key pair whose
 * public half the extension app carries as an X.509 certificate (`keyCredentials` usage Encrypt,
 * `tokenEncryptionKeyId`), as Microsoft's JIT migration guide sets it up. The private key never
 * leaves the caller's machine: it is written once to a file (mode 0600) or handed back once.
 */
import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import type Forge from "node-forge";
import { InputError } from "../../input-error.ts";
import { lazyModule } from "../../lazy-module.ts";

const loadForge = lazyModule<typeof Forge>("node-forge");

/** A public certificate as Graph takes it in `keyCredentials.key`, with its thumbprint and validity. */
export interface EncryptionCertificate {
  /** Base64 DER. */
  key: string;
  /** SHA-1 thumbprint, hex upper case (Graph's `customKeyIdentifier`). */
  thumbprint: string;
  startDateTime: string;
  endDateTime: string;
  subject: string;
}

/** Reads a certificate given as PEM or base64 DER; refuses anything else, and non-RSA keys. */
export function parseEncryptionCertificate(text: string): EncryptionCertificate {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  const base64 = (pem?.[1] ?? text).replace(/\s+/g, "");
  let cert: X509Certificate;
  try {
    if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) throw new Error("not base64");
    cert = new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    throw new InputError("certificate: expected an X.509 certificate, PEM or base64 DER.");
  }
  if (cert.publicKey.asymmetricKeyType !== "rsa")
    throw new InputError("certificate: the certificate's key must be RSA (RSA-OAEP encryption).");
  return {
    key: cert.raw.toString("base64"),
    thumbprint: cert.fingerprint.replaceAll(":", "").toUpperCase(),
    startDateTime: new Date(cert.validFrom).toISOString(),
    endDateTime: new Date(cert.validTo).toISOString(),
    subject: cert.subject.replace(/\n/g, ", "),
  };
}

/** A new RSA-2048 key pair and a self-signed certificate of its public key (valid two years). */
export function newEncryptionKey(commonName: string): {
  certificate: EncryptionCertificate;
  privateKeyPem: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const forge = loadForge();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  // A positive serial number (RFC 5280 4.1.2.2): the first byte's top bit cleared.
  cert.serialNumber = `0${randomBytes(15).toString("hex")}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 2 * 365 * 86_400_000);
  const name = [{ name: "commonName", value: commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  const signing = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  cert.sign(signing, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
  return {
    certificate: parseEncryptionCertificate(der.toString("base64")),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
