import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { confidentialCredential } from "./confidential-credential.ts";
import type { CredentialOptions } from "./msal-config.ts";
import type { TokenProvider } from "./token-provider.ts";

/** Options of {@link clientCertificateCredential}: PEM text, or a path to a PEM file holding key and certificate. */
export interface ClientCertificateCredentialOptions extends CredentialOptions {
  /** PEM certificate (chain); the first is the app's. Optional when `certificatePath` is given. */
  certificate?: string | undefined;
  /** PEM private key (PKCS#8 or PKCS#1, possibly encrypted). Optional when `certificatePath` is given. */
  privateKey?: string | undefined;
  /** A PEM file with the private key and the certificate (as `AZURE_CLIENT_CERTIFICATE_PATH`). */
  certificatePath?: string | undefined;
  /** Passphrase of an encrypted private key (as `AZURE_CLIENT_CERTIFICATE_PASSWORD`). */
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

/** Reads certificate and key PEM into what MSAL needs; a wrong password or missing block gives a clear error. */
export function loadCertificate(options: ClientCertificateCredentialOptions): CertificateMaterial {
  let pem = "";
  if (options.certificatePath !== undefined) {
    if (/\.(pfx|p12)$/i.test(options.certificatePath)) {
      throw new Error(
        "PKCS#12 (.pfx/.p12) certificates are not supported; convert to PEM (openssl pkcs12 -nodes).",
      );
    }
    pem = readFileSync(options.certificatePath, "utf8");
  }
  const certificates = [...`${options.certificate ?? ""}\n${pem}`.matchAll(CERT_BLOCK)].map((m) => m[0]);
  const keyPem = options.privateKey ?? KEY_BLOCK.exec(pem)?.[0];
  if (certificates.length === 0)
    throw new Error("No PEM certificate (-----BEGIN CERTIFICATE-----) was given.");
  if (keyPem === undefined) throw new Error("No PEM private key (-----BEGIN PRIVATE KEY-----) was given.");
  let key: string;
  try {
    key = createPrivateKey({
      key: keyPem,
      format: "pem",
      ...(options.password ? { passphrase: options.password } : {}),
    })
      .export({ type: "pkcs8", format: "pem" })
      .toString();
  } catch {
    throw new Error(
      "The private key could not be read: it is not PEM, or it is encrypted and the password is missing or wrong.",
    );
  }
  const leaf = new X509Certificate(certificates[0] as string);
  if (!leaf.checkPrivateKey(createPrivateKey(key))) {
    throw new Error("The private key does not belong to the certificate.");
  }
  return {
    thumbprintSha256: leaf.fingerprint256.replaceAll(":", "").toLowerCase(),
    privateKey: key,
    chain: certificates.join("\n"),
  };
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
