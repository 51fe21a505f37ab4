import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { confidentialCredential } from "./confidential-credential.ts";
import type { CredentialOptions } from "./msal-config.ts";
import { readPkcs12 } from "./pkcs12.ts";
import type { TokenProvider } from "./token-provider.ts";

/**
 * Options of {@link clientCertificateCredential}: PEM text, or a path to a PEM file holding key and
 * certificate, or to a PKCS#12 (.pfx/.p12) file.
 */
export interface ClientCertificateCredentialOptions extends CredentialOptions {
  /** PEM certificate (chain); the first is the app's. Optional when `certificatePath` is given. */
  certificate?: string | undefined;
  /** PEM private key (PKCS#8 or PKCS#1, possibly encrypted). Optional when `certificatePath` is given. */
  privateKey?: string | undefined;
  /**
   * A PEM file with the private key and the certificate, or a PKCS#12 (.pfx/.p12) file (as
   * `AZURE_CLIENT_CERTIFICATE_PATH`); a file that is not PEM text is read as PKCS#12.
   */
  certificatePath?: string | undefined;
  /** Password of a PKCS#12 file or passphrase of an encrypted PEM key (as `AZURE_CLIENT_CERTIFICATE_PASSWORD`). */
  password?: string | undefined;
  /** Send the certificate chain (`x5c`) for subject name + issuer authentication (default true). */
  sendCertificateChain?: boolean | undefined;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK =
  /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/;

/** The parts MSAL needs from a PEM certificate and key. */
export interface CertificateMaterial {
  /** Hex SHA-256 of the DER certificate (MSAL's `thumbprintSha256`, the `x5t#S256` header). */
  thumbprintSha256: string;
  /** Unencrypted PKCS#8 PEM. */
  privateKey: string;
  /** The certificate chain as PEM. */
  chain: string;
}

function material(key: KeyObject, chain: readonly X509Certificate[]): CertificateMaterial {
  const leaf = chain[0] as X509Certificate;
  return {
    thumbprintSha256: leaf.fingerprint256.replaceAll(":", "").toLowerCase(),
    privateKey: key.export({ type: "pkcs8", format: "pem" }).toString(),
    chain: chain.map((c) => c.toString().trim()).join("\n"),
  };
}

function readCertificateFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(
      `The certificate file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}).`,
    );
  }
}

/**
 * Reads certificate and key (PEM, or a PKCS#12 file) into what MSAL needs; a wrong password or
 * missing block gives a clear error that never contains the password.
 */
export function loadCertificate(options: ClientCertificateCredentialOptions): CertificateMaterial {
  let pem = "";
  if (options.certificatePath !== undefined) {
    const bytes = readCertificateFile(options.certificatePath);
    // PEM is ASCII text with BEGIN lines; anything else (DER) is taken for PKCS#12, whatever its name.
    if (/\.(pfx|p12)$/i.test(options.certificatePath) || !bytes.includes("-----BEGIN ")) {
      const p12 = readPkcs12(bytes, options.password, options.certificatePath);
      return material(p12.privateKey, p12.certificates);
    }
    pem = bytes.toString("utf8");
  }
  const certificates = [...`${options.certificate ?? ""}\n${pem}`.matchAll(CERT_BLOCK)].map((m) => m[0]);
  const keyPem = options.privateKey ?? KEY_BLOCK.exec(pem)?.[0];
  if (certificates.length === 0)
    throw new Error("No PEM certificate (-----BEGIN CERTIFICATE-----) was given.");
  if (keyPem === undefined) throw new Error("No PEM private key (-----BEGIN PRIVATE KEY-----) was given.");
  let key: KeyObject;
  try {
    key = createPrivateKey({
      key: keyPem,
      format: "pem",
      ...(options.password ? { passphrase: options.password } : {}),
    });
  } catch {
    throw new Error(
      "The private key could not be read: it is not PEM, or it is encrypted and the password is missing or wrong.",
    );
  }
  const chain = certificates.map((c) => new X509Certificate(c));
  if (!(chain[0] as X509Certificate).checkPrivateKey(key)) {
    throw new Error("The private key does not belong to the certificate.");
  }
  return material(key, chain);
}

/**
 * An app-only credential with a certificate: MSAL signs a client assertion (PS256, `x5t#S256` header)
 * with the private key and, by default, sends the chain in `x5c`.
 */
export function clientCertificateCredential(options: ClientCertificateCredentialOptions): TokenProvider {
  const material = loadCertificate(options);
  return confidentialCredential(
    options,
    {
      clientCertificate: {
        thumbprintSha256: material.thumbprintSha256,
        privateKey: material.privateKey,
        ...(options.sendCertificateChain === false ? {} : { x5c: material.chain }),
      },
    },
    "certificate",
  );
}
