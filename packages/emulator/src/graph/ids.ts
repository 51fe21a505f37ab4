import { createHash, randomBytes, randomUUID } from "node:crypto";

/** Where new object ids and generated secrets come from: random in service, seeded for demo data. */
export interface IdSource {
  uuid(): string;
  /** A secret of `length` characters from Entra's client-secret alphabet (letters, digits, `~._-`). */
  secret(length: number): string;
}

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";

/** Cryptographically random ids and secrets. */
export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  secret: (length) => fromBytes(randomBytes(length)),
};

/**
 * Deterministic ids and secrets from a seed (sfc32 seeded by SHA-256 of the seed text), so that a
 * demo tenant seeded twice gets the same object ids, client ids and secrets.
 */
export function seededIds(seed: string | number): IdSource {
  const h = createHash("sha256").update(String(seed)).digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const bytes = (n: number): Buffer => {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 4) {
      const v = next();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
    }
    return out;
  };
  return {
    uuid: () => {
      const b16 = bytes(16);
      b16[6] = ((b16[6] as number) & 0x0f) | 0x40;
      b16[8] = ((b16[8] as number) & 0x3f) | 0x80;
      const hex = b16.toString("hex");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    secret: (length) => fromBytes(bytes(length)),
  };
}

function fromBytes(buf: Buffer): string {
  let s = "";
  for (const byte of buf) s += SECRET_ALPHABET[byte % SECRET_ALPHABET.length];
  return s;
}
