/**
 * `uploadPkcs12`: a certificate with its private key (.pfx/.p12, base64 in `key`, opened with
 * `password`) as an RSA signing key, e.g. for SAML token signing (api-surface 9.2). Node's crypto
 * cannot open PKCS#12, so node-forge decodes it; the private half is kept only as a fingerprint,
 * like an uploaded secret, and never served.
 */
import { createHash, X509Certificate } from "node:crypto";
import forge from "node-forge";
import type { JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";
import { keyFromCertificate } from "./keys.ts";

// Microsoft documents no error for a bad file or password; the emulator answers 400 AADB2C like its
// other key set errors (docs/emulator-ciam-config.md says so).
const bad = (message: string) => new GraphError(400, "AADB2C", message);

/**
 * Opens a PKCS#12 file (base64) with its password: its one private key and that key's certificate,
 * or why it cannot (never echoing the password).
 */
export function openPkcs12(
  raw: string,
  password: string,
): { cert: X509Certificate; privateKeyPem: string } | string {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = Buffer.from(raw.replace(/\s+/g, ""), "base64").toString("binary");
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), true, password);
  } catch {
    // forge's messages say whether the MAC failed; neither they nor the password are echoed.
    return "'key' could not be opened as PKCS#12 with the given password.";
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keys = [
    ...bags(forge.pki.oids.pkcs8ShroudedKeyBag as string),
    ...bags(forge.pki.oids.keyBag as string),
  ];
  const certificates = bags(forge.pki.oids.certBag as string).flatMap((b) =>
    b.cert === undefined ? [] : [b.cert],
  );
  const privateKey = keys[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (keys.length !== 1 || privateKey === undefined)
    return "The PKCS#12 file must hold exactly one private key.";
  // The certificate of that key: the one whose modulus matches (a chain may come with it).
  const own = certificates.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(privateKey.n) === true;
  });
  if (own === undefined) return "The PKCS#12 file holds no RSA certificate for its private key.";
  const cert = new X509Certificate(
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(own)).getBytes(), "binary"),
  );
  return { cert, privateKeyPem: forge.pki.privateKeyToPem(privateKey) };
}

/** The key to add and the fingerprint source of its private half. */
export function pkcs12Key(body: JsonObject): { key: JsonObject; secret: string } {
  const raw = body.key;
  if (typeof raw !== "string" || raw.trim() === "") throw bad("'key' (the base64 .pfx content) is required.");
  const password = body.password ?? "";
  if (typeof password !== "string") throw bad("'password' must be a string.");
  const opened = openPkcs12(raw, password);
  if (typeof opened === "string") throw bad(opened);
  const secret = createHash("sha256").update(opened.privateKeyPem).digest("base64");
  return { key: keyFromCertificate(opened.cert), secret };
}
