/**
 * Row validation: the schema of a mapped row, Entra's password rule, and duplicate identities
 * inside the file (tracked by hash, so memory stays small per row).
 */
import { hash } from "node:crypto";
import { PASSWORD_PROBLEM_TEXT, passwordPolicyProblem } from "@ciamkit/entra-policy";
import { z } from "zod";
import type { MappedRow } from "./column-mapping.ts";

const boolText = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false", "1", "0", "yes", "no"]))
    .transform((v) => v === "true" || v === "1" || v === "yes"),
]);

// Built once: a zod schema made per row allocated several kilobytes each time (a million-row dry run
// spent most of its memory on them).
const EMAIL = z.email();

const text = (max: number) => z.coerce.string().trim().min(1).max(max);

/**
 * The fields of a mapped row. Deliberately a plain object schema: the sign-in type default and the
 * sign-in name format are checked in {@link validateRow}, because a `.transform()`/`.superRefine()`
 * here allocated closures for every row that V8 kept in its old generation, and a million-row dry
 * run peaked at hundreds of megabytes.
 */
const importRowFields = z.object({
  displayName: text(256),
  signInName: text(512),
  signInType: z.enum(["emailAddress", "userName"]).optional(),
  password: z.coerce.string().optional(),
  givenName: text(64).optional(),
  surname: text(64).optional(),
  mail: z.email().optional(),
  accountEnabled: boolText.default(true),
  jobTitle: text(128).optional(),
  mobilePhone: text(64).optional(),
  preferredLanguage: text(10).optional(),
  city: text(128).optional(),
  country: text(128).optional(),
  state: text(128).optional(),
  postalCode: text(40).optional(),
  streetAddress: text(1024).optional(),
});

/** A valid import row, as it will be written. */
export type ImportRow = Omit<z.output<typeof importRowFields>, "signInType"> & {
  signInType: "emailAddress" | "userName";
};

/** api-surface 6.3: a userName identity is a local part (letters, digits and . _ -). */
const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The sign-in type (a name with an @ is an email address unless the file says otherwise) and its format check. */
function signIn(
  fields: z.output<typeof importRowFields>,
): { ok: true; type: ImportRow["signInType"] } | { ok: false; reason: string } {
  const type = fields.signInType ?? (fields.signInName.includes("@") ? "emailAddress" : "userName");
  if (type === "emailAddress" && !EMAIL.safeParse(fields.signInName).success) {
    return { ok: false, reason: "signInName: is not an email address" };
  }
  if (type === "userName" && !USER_NAME.test(fields.signInName)) {
    return { ok: false, reason: "signInName: is not a valid user name" };
  }
  return { ok: true, type };
}

/**
 * Why a password fails Entra's published policy (allowed characters, 8–256 characters, three of
 * lower/upper/digit/symbol: `@ciamkit/entra-policy`, the rule the emulator applies too), or
 * `undefined` when it passes.
 */
export function passwordProblem(password: string): string | undefined {
  const problem = passwordPolicyProblem(password);
  return problem === undefined ? undefined : PASSWORD_PROBLEM_TEXT[problem];
}

/** The outcome of validating one mapped row. */
export type RowCheck = { ok: true; row: ImportRow } | { ok: false; reasons: string[] };

/** Validates a mapped row; `passwordRequired` when passwords are given rather than generated. */
export function validateRow(mapped: MappedRow, passwordRequired: boolean): RowCheck {
  const parsed = importRowFields.safeParse(mapped.fields);
  if (!parsed.success) {
    return {
      ok: false,
      // zod says "expected nonoptional, received undefined" for an empty cell; say what the user sees.
      reasons: parsed.error.issues.map(
        (i) =>
          `${i.path.join(".") || "row"}: ${/received undefined$/.test(i.message) ? "missing" : i.message}`,
      ),
    };
  }
  const sign = signIn(parsed.data);
  if (!sign.ok) return { ok: false, reasons: [sign.reason] };
  const row: ImportRow = { ...parsed.data, signInType: sign.type };
  if (row.password === undefined) {
    return passwordRequired
      ? { ok: false, reasons: ["password: missing (passwords are given, not generated)"] }
      : { ok: true, row };
  }
  const problem = passwordProblem(row.password);
  return problem === undefined ? { ok: true, row } : { ok: false, reasons: [problem] };
}

/**
 * The identity key of a row: sign-in type and lower-cased name (Entra compares sign-in names without
 * case), hashed to a short string for the journal.
 */
export function identityKey(row: Pick<ImportRow, "signInType" | "signInName">): string {
  // One-shot `hash`: a Hash object per row holds native memory until the GC finalises it, which at a
  // million rows kept tens of megabytes resident.
  return hash("sha256", `${row.signInType}\u0000${row.signInName.toLowerCase()}`, "base64url").slice(0, 16);
}

/**
 * Remembers identity keys seen in the file as 64-bit hashes in an open-addressing table of typed
 * arrays: 16 bytes per row at most, so a million rows cost about 16 MB (a Set of strings costs ~80).
 * Two different identities share a 64-bit hash with a probability of about 3·10⁻⁸ per million rows.
 */
export class DuplicateTracker {
  #hi = new Uint32Array(1 << 16);
  #lo = new Uint32Array(1 << 16);
  #used = new Uint8Array(1 << 16);
  #size = 0;

  /** True when the key was seen before; records it otherwise. */
  seen(key: string): boolean {
    const bytes = Buffer.from(key, "base64url");
    const hi = bytes.readUInt32LE(0);
    const lo = bytes.readUInt32LE(4);
    if (this.#find(hi, lo)) return true;
    if ((this.#size + 1) * 2 > this.#used.length) this.#grow();
    this.#insert(hi, lo);
    this.#size++;
    return false;
  }

  #find(hi: number, lo: number): boolean {
    const mask = this.#used.length - 1;
    for (let i = lo & mask; this.#used[i] === 1; i = (i + 1) & mask) {
      if (this.#hi[i] === hi && this.#lo[i] === lo) return true;
    }
    return false;
  }

  #insert(hi: number, lo: number): void {
    const mask = this.#used.length - 1;
    let i = lo & mask;
    while (this.#used[i] === 1) i = (i + 1) & mask;
    this.#used[i] = 1;
    this.#hi[i] = hi;
    this.#lo[i] = lo;
  }

  #grow(): void {
    const [hi, lo, used] = [this.#hi, this.#lo, this.#used];
    this.#hi = new Uint32Array(hi.length * 2);
    this.#lo = new Uint32Array(lo.length * 2);
    this.#used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.#insert(hi[i] as number, lo[i] as number);
  }
}
