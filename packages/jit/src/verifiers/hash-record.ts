import { z } from "zod";

const encodingSchema = z.enum(["base64", "hex"]);

/**
 * A stored password hash, as exported from the old identity system. `hash` and `salt` are base64
 * (standard or URL-safe) unless `encoding` says hex; bcrypt and argon2id's PHC string carry their
 * salt and cost themselves.
 */
export const passwordHashRecordSchema = z.discriminatedUnion("algorithm", [
  z.object({
    algorithm: z.literal("bcrypt"),
    hash: z.string().regex(/^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/),
  }),
  z.object({
    algorithm: z.enum(["pbkdf2-sha1", "pbkdf2-sha256", "pbkdf2-sha512"]),
    hash: z.string().min(1),
    salt: z.string(),
    encoding: encodingSchema.optional(),
    params: z.object({ iterations: z.number().int().min(1).max(10_000_000) }),
  }),
  z.object({
    algorithm: z.literal("scrypt"),
    hash: z.string().min(1),
    salt: z.string(),
    encoding: encodingSchema.optional(),
    params: z
      .object({
        N: z
          .number()
          .int()
          .min(2)
          .max(2 ** 20),
        r: z.number().int().min(1).max(64),
        p: z.number().int().min(1).max(64),
      })
      .optional(),
  }),
  z.object({
    algorithm: z.literal("argon2id"),
    // Either the PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash) alone, or the raw hash with salt and params.
    hash: z.string().min(1),
    salt: z.string().optional(),
    encoding: encodingSchema.optional(),
    params: z
      .object({
        memoryKiB: z
          .number()
          .int()
          .min(8)
          .max(4 * 1024 * 1024),
        iterations: z.number().int().min(1).max(100),
        parallelism: z.number().int().min(1).max(64),
      })
      .optional(),
  }),
]);

/** A stored password hash, as exported from the old identity system. */
export type PasswordHashRecord = z.input<typeof passwordHashRecordSchema>;

/** Bytes of a base64 (standard or URL-safe, padded or not) or hex string. */
export function decodeBytes(text: string, encoding: "base64" | "hex" = "base64"): Buffer {
  if (encoding === "hex") {
    if (!/^(?:[0-9a-f]{2})*$/i.test(text)) throw new TypeError("not hex");
    return Buffer.from(text, "hex");
  }
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new TypeError("not base64");
  return Buffer.from(text.replaceAll("-", "+").replaceAll("_", "/"), "base64");
}

/** Argon2id's PHC string: `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>` (unpadded base64). */
export function parseArgon2Phc(
  phc: string,
): { salt: Buffer; hash: Buffer; memoryKiB: number; iterations: number; parallelism: number } | undefined {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (m === null) return undefined;
  const [, memory = "", passes = "", lanes = "", salt = "", hash = ""] = m;
  return {
    memoryKiB: Number(memory),
    iterations: Number(passes),
    parallelism: Number(lanes),
    salt: decodeBytes(salt),
    hash: decodeBytes(hash),
  };
}
