import { createPrivateKey, type JsonWebKey, KeyObject } from "node:crypto";
import { compactDecrypt, errors, UnsecuredJWT } from "jose";
import { z } from "zod";

/**
 * Key management and content encryption the handler accepts. Microsoft's kit encrypts with
 * RSA-OAEP-256 and does not document `enc`; anything else (notably RSA1_5, "dir", a symmetric key) is
 * refused before decryption.
 */
export const KEY_MANAGEMENT_ALGORITHMS = ["RSA-OAEP-256", "RSA-OAEP"];
export const CONTENT_ENCRYPTION_ALGORITHMS = [
  "A256GCM",
  "A192GCM",
  "A128GCM",
  "A256CBC-HS512",
  "A192CBC-HS384",
  "A128CBC-HS256",
];

/** The private key of the extension app's encryption certificate: PEM (PKCS#8 or PKCS#1), a KeyObject or a JWK. */
export type DecryptionKey = string | KeyObject | JsonWebKey;

/** What the decrypted context carries. */
export interface PasswordContext {
  password: string;
  nonce: string;
}

const contextClaimsSchema = z.looseObject({
  "user-password": z.string().min(1),
  nonce: z.string().min(1),
});

/** The decrypted context is unusable; the message never includes its content. */
export class InvalidPasswordContextError extends Error {
  override readonly name = "InvalidPasswordContextError";
}

/** Reads the private key once, at set-up; an unusable key fails there, not at the first sign-in. */
export function importDecryptionKey(key: DecryptionKey): KeyObject {
  let object: KeyObject;
  try {
    if (key instanceof KeyObject) object = key;
    else if (typeof key === "string") object = createPrivateKey(key);
    else object = createPrivateKey({ key, format: "jwk" });
  } catch {
    throw new TypeError(
      "privateKey: not a readable private key (give a PEM PKCS#8 string, a KeyObject or a JWK)",
    );
  }
  if (object.type !== "private" || object.asymmetricKeyType !== "rsa") {
    throw new TypeError(
      "privateKey: expected the RSA private key of the extension app's encryption certificate",
    );
  }
  return object;
}

/**
 * Decrypts `encryptedPasswordContext` (compact JWE) and reads `user-password` and `nonce` from the
 * plaintext: an unsigned JWT (`alg: none`, as Microsoft's sample decodes it) or plain JSON.
 */
export async function decryptPasswordContext(
  jwe: string,
  key: KeyObject,
  clockToleranceSeconds: number,
): Promise<PasswordContext> {
  let plaintext: string;
  try {
    const result = await compactDecrypt(jwe, key, {
      keyManagementAlgorithms: KEY_MANAGEMENT_ALGORITHMS,
      contentEncryptionAlgorithms: CONTENT_ENCRYPTION_ALGORITHMS,
    });
    plaintext = new TextDecoder("utf-8", { fatal: true }).decode(result.plaintext);
  } catch (error) {
    throw new InvalidPasswordContextError(error instanceof errors.JOSEError ? error.code : "undecryptable");
  }
  let claims: unknown;
  try {
    claims = plaintext.trimStart().startsWith("{")
      ? JSON.parse(plaintext)
      : UnsecuredJWT.decode(plaintext.trim(), { clockTolerance: clockToleranceSeconds }).payload;
  } catch (error) {
    throw new InvalidPasswordContextError(
      error instanceof errors.JOSEError
        ? `inner token: ${error.code}`
        : "plaintext is neither JSON nor an unsigned JWT",
    );
  }
  const parsed = contextClaimsSchema.safeParse(claims);
  if (!parsed.success) throw new InvalidPasswordContextError("no user-password or nonce");
  return { password: parsed.data["user-password"], nonce: parsed.data.nonce };
}
