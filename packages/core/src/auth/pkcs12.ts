/**
 * PKCS#12 (.pfx/.p12) files, as Windows, Azure Key Vault and `openssl pkcs12 -export` write them.
 * Node's crypto cannot open them, so node-forge decodes the container (MAC check, PBES2/AES and the
 * legacy 3DES/RC2 encryptions older Windows exports use); the key and certificates are handed back
 * to node:crypto as DER at once, and nothing of forge's leaks out of this file.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import type Forge from "node-forge";
import { lazyModule } from "../lazy-module.ts";

const loadForge = lazyModule<typeof Forge>("node-forge");

/** What a PKCS#12 file holds that a certificate credential needs. */
export interface Pkcs12Contents {
  /** The private key (the file must hold exactly one). */
  privateKey: KeyObject;
  /** The certificate matching the key first, then the rest of the chain. */
  certificates: X509Certificate[];
}

/** Thrown when a PKCS#12 file cannot be opened; the message never contains the password. */
export class Pkcs12Error extends Error {
  override readonly name = "Pkcs12Error";
}

function toBuffer(bytes: Forge.util.ByteStringBuffer): Buffer {
  return Buffer.from(bytes.getBytes(), "binary");
}

function bagsOf(p12: Forge.pkcs12.Pkcs12Pfx, type: string): Forge.pkcs12.Bag[] {
  return p12.getBags({ bagType: type })[type] ?? [];
}

/**
 * Opens a PKCS#12 file with its password (empty string or undefined for none). A wrong or missing
 * password, a damaged file, or a file without exactly one key and its certificate gives a
 * {@link Pkcs12Error} naming `source` (a path for messages).
 */
export function readPkcs12(data: Uint8Array, password: string | undefined, source: string): Pkcs12Contents {
  const forge = loadForge();
  let p12: Forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(data).toString("binary")));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, true, password ?? "");
  } catch (error) {
    // forge says "MAC could not be verified. Invalid password?" or "wrong password?" for a bad
    // password, and ASN.1 errors for anything that is not PKCS#12; its messages never echo input.
    const text = error instanceof Error ? error.message : "";
    if (/password/i.test(text)) {
      throw new Pkcs12Error(
        `The PKCS#12 file ${source} could not be opened: the password (AZURE_CLIENT_CERTIFICATE_PASSWORD) is missing or wrong.`,
      );
    }
    throw new Pkcs12Error(`${source} is not a readable PKCS#12 (.pfx/.p12) file: ${text}`);
  }
  const keyBags = [
    ...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag as string),
    ...bagsOf(p12, forge.pki.oids.keyBag as string),
  ];
  if (keyBags.length !== 1) {
    throw new Pkcs12Error(
      `The PKCS#12 file ${source} holds ${keyBags.length} private keys; a credential needs exactly one.`,
    );
  }
  const keyBag = keyBags[0] as Forge.pkcs12.Bag;
  // forge parses RSA keys; other kinds come back as raw PrivateKeyInfo ASN.1, which node reads too.
  const keyInfo =
    keyBag.key !== undefined && keyBag.key !== null
      ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
      : (keyBag.asn1 as Forge.asn1.Asn1);
  const privateKey = createPrivateKey({
    key: toBuffer(forge.asn1.toDer(keyInfo)),
    format: "der",
    type: "pkcs8",
  });
  const certificates = bagsOf(p12, forge.pki.oids.certBag as string).map((bag) => {
    const asn1 =
      bag.cert !== undefined && bag.cert !== null
        ? forge.pki.certificateToAsn1(bag.cert)
        : (bag.asn1 as Forge.asn1.Asn1);
    return new X509Certificate(toBuffer(forge.asn1.toDer(asn1)));
  });
  const leaf = certificates.find((c) => c.checkPrivateKey(privateKey));
  if (leaf === undefined) {
    throw new Pkcs12Error(`The PKCS#12 file ${source} holds no certificate for its private key.`);
  }
  return { privateKey, certificates: [leaf, ...certificates.filter((c) => c !== leaf)] };
}
