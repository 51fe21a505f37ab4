// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import { createPrivateKey, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { SignJWT } from "jose";
import forge from "node-forge";

type CryptoKey = webcrypto.CryptoKey;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A self-signed RSA certificate (base64 DER) with its private key, for application credentials. */
export async function selfSignedCertificate(
  name = "CN=ciamkit-test",
): Promise<{ der: string; privateKey: CryptoKey }> {
  const alg = {
    name: "RSASSA-PKCS1-v1_5",
    hash: "SHA-256",
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name,
    notBefore: new Date("2026-01-01T00:00:00Z"),
    notAfter: new Date("2028-01-01T00:00:00Z"),
    keys,
    signingAlgorithm: alg,
  });
  return { der: Buffer.from(cert.rawData).toString("base64"), privateKey: keys.privateKey };
}

/** An addKey proof of possession (api-surface 10.3) signed with a certificate's key. */
export function proofToken(
  privateKey: CryptoKey,
  appObjectId: string,
  now: Date,
  lifetimeSeconds = 600,
): Promise<string> {
  const nbf = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setAudience("00000002-0000-0000-c000-000000000000")
    .setIssuer(appObjectId)
    .setNotBefore(nbf)
    .setExpirationTime(nbf + lifetimeSeconds)
    .sign(privateKey);
}

/** A PKCS#12 (.pfx) of a new self-signed certificate and its key, base64, with the certificate's base64 DER. */
export async function pkcs12File(password: string): Promise<{ pfx: string; der: string }> {
  const { der, privateKey } = await selfSignedCertificate("CN=policy pfx");
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })
    .export({ type: "pkcs1", format: "pem" })
    .toString();
  const cert = forge.pki.certificateFromAsn1(
    forge.asn1.fromDer(Buffer.from(der, "base64").toString("binary")),
  );
  const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keyPem), [cert], password, {
    algorithm: "aes256",
  });
  return { pfx: Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary").toString("base64"), der };
}
