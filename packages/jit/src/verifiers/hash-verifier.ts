import { pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { PasswordSubmitUser } from "../request-body.ts";
import { argon2id } from "./argon2id.ts";
import {
  decodeBytes,
  type PasswordHashRecord,
  parseArgon2Phc,
  passwordHashRecordSchema,
} from "./hash-record.ts";
import { type PasswordVerifier, VerifierError } from "./verifier.ts";

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** Options of {@link hashVerifier}. */
export interface HashVerifierOptions {
  /**
   * The stored hash of this user, from your export of the old system (a database, a file loaded in
   * memory), or `undefined` when the user has none: the password is then refused (Retry).
   */
  lookup: (user: PasswordSubmitUser, signal: AbortSignal) => Promise<PasswordHashRecord | undefined>;
}

/** Equal lengths compared in constant time; a different length is public (it follows from the algorithm). */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

async function matches(password: string, stored: PasswordHashRecord): Promise<boolean> {
  const parsed = passwordHashRecordSchema.safeParse(stored);
  if (!parsed.success) {
    throw new VerifierError(
      `unusable hash record (${parsed.error.issues.map((i) => i.path.join(".")).join(", ")})`,
    );
  }
  const record = parsed.data;
  switch (record.algorithm) {
    case "bcrypt": {
      // Loaded on first use: a handler that verifies otherwise never loads it.
      const { default: bcrypt } = await import("bcryptjs");
      return bcrypt.compare(password, record.hash);
    }
    case "pbkdf2-sha1":
    case "pbkdf2-sha256":
    case "pbkdf2-sha512": {
      const expected = decodeBytes(record.hash, record.encoding);
      const digest = record.algorithm.slice("pbkdf2-".length);
      const salt = decodeBytes(record.salt, record.encoding);
      return sameBytes(
        await pbkdf2Async(password, salt, record.params.iterations, expected.length, digest),
        expected,
      );
    }
    case "scrypt": {
      const expected = decodeBytes(record.hash, record.encoding);
      const { N, r, p } = record.params ?? { N: 16384, r: 8, p: 1 };
      const salt = decodeBytes(record.salt, record.encoding);
      const actual = await scryptAsync(password, salt, expected.length, {
        N,
        r,
        p,
        maxmem: 256 * N * r + 1024 * r * p,
      });
      return sameBytes(actual, expected);
    }
    case "argon2id": {
      const phc = parseArgon2Phc(record.hash);
      const raw =
        phc ??
        (record.salt !== undefined && record.params !== undefined
          ? {
              ...record.params,
              salt: decodeBytes(record.salt, record.encoding),
              hash: decodeBytes(record.hash, record.encoding),
            }
          : undefined);
      if (raw === undefined)
        throw new VerifierError("argon2id record: give a PHC string, or hash with salt and params");
      const actual = await argon2id(password, { ...raw, length: raw.hash.length });
      return sameBytes(actual, raw.hash);
    }
  }
}

/**
 * Checks the password against a hash exported from another identity system: bcrypt, PBKDF2
 * (SHA-1/256/512), scrypt or argon2id. A user without a record gets Retry; a malformed record is a
 * verifier failure (503, nothing migrated), since the user's password may well be right.
 */
export function hashVerifier(options: HashVerifierOptions): PasswordVerifier {
  return async ({ password, user, signal }) => {
    const record = await options.lookup(user, signal);
    if (record === undefined) return { result: "invalid" };
    return (await matches(password, record)) ? { result: "valid" } : { result: "invalid" };
  };
}
