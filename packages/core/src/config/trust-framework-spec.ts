// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs write ${file:…} and ${tenant}
/**
 * The trust framework kinds of a tenant spec (Azure AD B2C custom policies): policies keyed by their
 * PolicyId, each its XML (in files, `${file:policies/<Id>.xml}`), and the policy key sets they use,
 * keyed by their full id, with what the key is (never the key itself: a secret is a placeholder, read
 * only when apply creates the set; an existing key set is never changed).
 */
import { z } from "zod";
import { policyIdSchema } from "../graph/trust-framework/trust-framework-schema.ts";
import { secretRefSchema } from "./secrets.ts";

/** A custom policy: its XML document, `${tenant}`/`${tenantId}` standing for the tenant's domain and id. */
export const policySpecSchema = z.strictObject({
  xml: z
    .string()
    .min(1)
    .max(1024 * 1024)
    .describe("The policy XML, or ${file:policies/<Id>.xml}; ${tenant} is the tenant's default domain."),
});

/** A policy key set: what its key is for and how apply makes it when the tenant has no such set. */
export const keySetSpecSchema = z.strictObject({
  use: z.enum(["sig", "enc"]).optional().describe("Signing or encryption; absent (with kty): an empty set."),
  kty: z.enum(["RSA", "OCT"]).optional().describe("RSA or OCT (a symmetric key)."),
  secret: secretRefSchema
    .optional()
    .describe("OCT only: the secret to upload, ${env:NAME}; absent: the service generates the key."),
});

/** A key set id, as the service stores it (`B2C_1A_` prefixed). */
export const keySetKeySchema = z
  .string()
  .regex(/^B2C_1A_[A-Za-z0-9_-]{1,100}$/i, "a key set id starting with B2C_1A_");

export { policyIdSchema };

/** A policy of a spec. */
export type PolicySpec = z.output<typeof policySpecSchema>;
/** A key set of a spec. */
export type KeySetSpec = z.output<typeof keySetSpecSchema>;
