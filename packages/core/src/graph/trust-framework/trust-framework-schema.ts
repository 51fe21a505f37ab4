import { z } from "zod";

/** A trust framework (B2C custom) policy id: `B2C_1A_…`. */
export const policyIdSchema = z
  .string()
  .regex(/^B2C_1A_[A-Za-z0-9_-]+$/i, "a policy id starting with B2C_1A_")
  .describe("e.g. B2C_1A_signup_signin.");

/** A key set id: the service prefixes `B2C_1A_` when it is missing. */
export const keySetIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "letters, digits, '_' and '-'")
  .describe("B2C_1A_ prefix optional.");

/** The key set id as the service stores it. */
export const fullKeySetId = (id: string): string => (/^B2C_1A_/i.test(id) ? id : `B2C_1A_${id}`);

/** `trustFrameworkKey` (beta) without its secret members, which Graph never returns. */
export const trustFrameworkKeySchema = z.object({
  kid: z.string().nullish(),
  kty: z.string().nullish().describe("RSA or OCT."),
  use: z.string().nullish().describe("sig or enc."),
  nbf: z.number().int().nullish().describe("Not before (seconds since the epoch)."),
  exp: z.number().int().nullish().describe("Expires (seconds since the epoch)."),
  status: z.string().nullish(),
  e: z.string().nullish(),
  n: z.string().nullish(),
  x5c: z.array(z.string()).nullish(),
  x5t: z.string().nullish(),
});

/** A policy key. */
export type TrustFrameworkKey = z.infer<typeof trustFrameworkKeySchema>;

/** `trustFrameworkKeySet` (beta). */
export const keySetSchema = z.object({ id: z.string(), keys: z.array(trustFrameworkKeySchema) });

/** A key set. */
export type KeySet = z.infer<typeof keySetSchema>;

/** Validity bounds of a new key. */
export const validityShape = {
  nbf: z.number().int().min(0).optional().describe("Epoch seconds."),
  exp: z.number().int().min(0).optional().describe("Epoch seconds."),
};

/** What a new key is for: signing or encryption. */
export const keyUseSchema = z.enum(["sig", "enc"]);

/** The B2C-only scope note every trust framework operation carries. */
export const B2C_ONLY = "B2C only.";
