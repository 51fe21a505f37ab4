import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { selectSchema } from "../common.ts";
import { defaultDomain } from "../organization/organization-client.ts";
import { userSchema } from "./user-schema.ts";
import { findUsersByIdentity } from "./users-client.ts";

const DEFAULT_SELECT = [
  "id",
  "displayName",
  "mail",
  "userPrincipalName",
  "identities",
  "accountEnabled",
  "createdDateTime",
];

/** `user_find`: customers by sign-in identity. */
export const findUserOperation = defineOperation({
  name: "user_find",
  area: "users",
  title: "Find users by sign-in name",
  description: "Finds users by sign-in name: email, user name, or a social account's subject and issuer.",
  access: "read",
  permissions: ["User.Read.All", "Organization.Read.All"],
  input: z.object({
    issuerAssignedId: z.string().min(1).max(512).describe("An email, a user name, or the IdP's subject."),
    issuer: z.string().min(1).max(512).optional().describe("Default: the tenant's default domain."),
    select: selectSchema,
  }),
  output: z.object({ users: z.array(userSchema) }),
  run: async (ctx, input) => {
    const issuer = input.issuer ?? (await defaultDomain(ctx.graph, { signal: ctx.signal }));
    const users = await findUsersByIdentity(ctx.graph, input.issuerAssignedId, issuer, {
      select: input.select ?? DEFAULT_SELECT,
      signal: ctx.signal,
    });
    return { users };
  },
});
