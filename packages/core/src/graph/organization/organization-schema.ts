import { z } from "zod";

/** `verifiedDomain` (Graph CSDL). */
export const verifiedDomainSchema = z.object({
  name: z.string().nullish(),
  isDefault: z.boolean().nullish(),
  isInitial: z.boolean().nullish(),
  type: z.string().nullish(),
  capabilities: z.string().nullish(),
});

/** The `organization` properties ciamkit returns (Graph CSDL names). */
export const organizationSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  tenantType: z.string().nullish().describe("`CIAM` for an external tenant, `AAD` for a workforce tenant."),
  countryLetterCode: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  preferredLanguage: z.string().nullish(),
  verifiedDomains: z.array(verifiedDomainSchema).nullish(),
  technicalNotificationMails: z.array(z.string()).nullish(),
});

/** A Graph organization as ciamkit returns it. */
export type Organization = z.infer<typeof organizationSchema>;
