import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { displayNameSchema } from "../fields.ts";
import { customAttributeProperties } from "./custom-attributes.ts";
import { userSchema } from "./user-schema.ts";
import { getUser, revokeSignInSessions, updateUser } from "./users-client.ts";

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
  mobilePhone: z.string().max(64).nullable().optional(),
  state: z.string().max(128).nullable().optional(),
  postalCode: z.string().max(40).nullable().optional(),
  streetAddress: z.string().max(1024).nullable().optional(),
};

const attributesSchema = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_ ]*$/)
      .max(256),
    z.union([z.string().max(1024), z.number().int(), z.boolean(), z.null()]),
  )
  .optional();

/** `user_update`: change a user's profile or enabled state. */
export const updateUserOperation = defineOperation({
  name: "user_update",
  area: "users",
  title: "Update a user",
  description:
    "Changes profile, custom attributes (short name → value) or accountEnabled; revokeSessions signs out.",
  access: "write",
  idempotent: true,
  permissions: ["User.ReadWrite.All", "IdentityUserFlow.Read.All"],
  input: z.object({
    id: idSchema.describe("Object id or userPrincipalName."),
    ...changesShape,
    attributes: attributesSchema,
    revokeSessions: z.boolean().optional(),
  }),
  output: userSchema,
  run: async (ctx, input) => {
    const { id, attributes = {}, revokeSessions, ...changes } = input;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length + Object.keys(attributes).length === 0 && revokeSessions !== true)
      throw new InputError("Nothing to update: give at least one property.");
    const custom =
      Object.keys(attributes).length === 0
        ? {}
        : await customAttributeProperties(ctx.graph, attributes, ctx.signal);
    const patch = { ...defined, ...custom };
    if (Object.keys(patch).length > 0) await updateUser(ctx.graph, id, patch, { signal: ctx.signal });
    if (revokeSessions === true) await revokeSignInSessions(ctx.graph, id, { signal: ctx.signal });
    const user = await getUser(ctx.graph, id, { signal: ctx.signal });
    const names = Object.keys(custom);
    if (names.length === 0) return user;
    const values = await getUser(ctx.graph, id, { select: names, signal: ctx.signal });
    return { ...user, ...Object.fromEntries(names.map((n) => [n, values[n] ?? null])) };
  },
});
