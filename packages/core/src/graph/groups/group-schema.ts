import { z } from "zod";

/** The `group` properties ciamkit returns (Graph CSDL names). */
export const groupSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  mailNickname: z.string().nullish(),
  mailEnabled: z.boolean().nullish(),
  securityEnabled: z.boolean().nullish(),
  groupTypes: z.array(z.string()).nullish(),
  createdDateTime: z.string().nullish(),
});

/** The input that turns a member operation into one on the group's owners. */
export const ownerSchema = z.boolean().optional();

/** A Graph group as ciamkit returns it. */
export type Group = z.infer<typeof groupSchema>;

/** A member of a group: a `directoryObject` with its `@odata.type`. */
export const memberSchema = z.object({
  id: z.string(),
  type: z.string().describe("user, group, servicePrincipal, …"),
  displayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  mail: z.string().nullish(),
});

/** A group member as ciamkit returns it. */
export type Member = z.infer<typeof memberSchema>;
