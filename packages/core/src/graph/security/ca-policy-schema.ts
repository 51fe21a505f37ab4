import { z } from "zod";

/** A Conditional Access policy's state; report-only is `enabledForReportingButNotEnforced`. */
export const caStateSchema = z.enum(["enabled", "disabled", "enabledForReportingButNotEnforced"]);

/** A Conditional Access policy as ciamkit returns it: who and which apps it covers, what it requires. */
export const caPolicySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  state: z.string(),
  appIds: z.array(z.string()),
  users: z.array(z.string()),
  controls: z.array(z.string()).describe("Grant controls: mfa, block, …"),
});

/** A Conditional Access policy. */
export type CaPolicy = z.infer<typeof caPolicySchema>;
