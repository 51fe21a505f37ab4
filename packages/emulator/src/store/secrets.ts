import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A stored secret (client secret, user password): salted SHA-256. Fast enough to seed 100k users;
 * the emulator guards test data, not real credentials, so a slow KDF would only cost time.
 */
export interface SecretHash {
  salt: string;
  hash: string;
}

export function hashSecret(secret: string): SecretHash {
  const salt = randomBytes(16).toString("base64url");
  return { salt, hash: digest(salt, secret) };
}

export function verifySecret(secret: string, stored: SecretHash): boolean {
  const a = Buffer.from(digest(stored.salt, secret), "base64url");
  const b = Buffer.from(stored.hash, "base64url");
  return a.length === b.length && timingSafeEqual(a, b);
}

function digest(salt: string, secret: string): string {
  return createHash("sha256").update(salt).update("\0").update(secret).digest("base64url");
}
