import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { displayNameSchema } from "../fields.ts";
import { userSchema } from "./user-schema.ts";
import { getUser, updateUser } from "./users-client.ts";

const changesShape = {
  displayName: displayNameSchema.optional(),
  givenName: z.string().max(64).nullable().optional(),
  surname: z.string().max(64).nullable().optional(),
  mail: z.email().nullable().optional(),
  accountEnabled: z.boolean().optional().describe("false blocks sign-in."),
  jobTitle: z.string().max(128).nullable().optional(),
  city: z.string().max(128).nullable().optional(),
  country: z.string().max(128).nullable().optional(),
  preferredLanguage: z.string().max(16).nullable().optional(),
};

/** `user_update`: change a user's profile or enabled state. */
export const updateUserOperation = defineOperation({
  name: "user_update",
  area: "users",
  title: "Update a user",
  description:
    "Changes a user's profile (names, mail, job, location, language) or blocks sign-in (accountEnabled); only given fields change, null clears.",
  access: "write",
  idempotent: true,
  permissions: ["User.ReadWrite.All"],
  input: z.object({ id: idSchema.describe("Object id or userPrincipalName."), ...changesShape }),
  output: userSchema,
  run: async (ctx, input) => {
    const { id, ...changes } = input;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length === 0)
      throw new InputError("Nothing to update: give at least one property.");
    await updateUser(ctx.graph, id, defined, { signal: ctx.signal });
    return getUser(ctx.graph, id, { signal: ctx.signal });
  },
});
