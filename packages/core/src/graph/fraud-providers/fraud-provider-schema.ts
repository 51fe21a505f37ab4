import { z } from "zod";

/** The fraud protection services External ID integrates: Arkose Labs and HUMAN Security. */
export const fraudProviderTypeSchema = z.enum(["arkose", "humanSecurity"]);

/**
 * A fraud protection provider as ciamkit returns it: never its secret (Arkose's private key, HUMAN's
 * server token), which Graph takes on create and ciamkit does not read back.
 */
export const fraudProviderSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  type: z.string(),
  key: z.string().optional().describe("Arkose public key or HUMAN app id."),
});

/** A fraud protection provider (no secret). */
export type FraudProvider = z.infer<typeof fraudProviderSchema>;
