import { z } from "zod";

/** A domain name as Graph takes for a tenant domain: two labels or more, letters, digits, hyphens. */
export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain name such as login.contoso.com");

/** The TXT record that proves a domain is the tenant's: publish `text` at `name`. */
export const txtRecordSchema = z.object({ name: z.string(), text: z.string(), ttl: z.number() });

/** A tenant domain as ciamkit returns it: verified or not, and the record to publish while it is not. */
export const domainSchema = z.object({
  id: z.string(),
  isVerified: z.boolean(),
  isDefault: z.boolean(),
  isInitial: z.boolean(),
  txtRecord: txtRecordSchema.optional().describe("While unverified: publish it, then domain_verify."),
});

/** A tenant domain. */
export type Domain = z.infer<typeof domainSchema>;
/** A verification TXT record. */
export type TxtRecord = z.infer<typeof txtRecordSchema>;
