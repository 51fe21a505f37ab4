import { z } from "zod";

/** A Conditional Access policy's state; report-only is `enabledForReportingButNotEnforced`. */
export const caStateSchema = z.enum(["enabled", "disabled", "enabledForReportingButNotEnforced"]);

/** Graph's built-in grant controls (`conditionalAccessGrantControl`). */
export const caControlSchema = z.enum([
  "mfa",
  "block",
  "compliantDevice",
  "domainJoinedDevice",
  "approvedApplication",
  "compliantApplication",
  "passwordChange",
]);

/** Graph's client app types (`conditionalAccessClientApp`). */
export const caClientAppTypeSchema = z.enum([
  "all",
  "browser",
  "mobileAppsAndDesktopClients",
  "exchangeActiveSync",
  "other",
]);

/** A Conditional Access policy as ciamkit returns it: who and which apps it covers, what it requires. */
export const caPolicySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  state: z.string(),
  appIds: z.array(z.string()),
  excludeAppIds: z.array(z.string()),
  users: z.array(z.string()),
  excludeUsers: z.array(z.string()),
  groups: z.array(z.string()),
  excludeGroups: z.array(z.string()),
  clientAppTypes: z.array(z.string()),
  controls: z.array(z.string()).describe("Grant controls: mfa, block, …"),
  operator: z.string().optional(),
});

/** A Conditional Access policy. */
export type CaPolicy = z.infer<typeof caPolicySchema>;
