import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { instantSchema, listInputShape, listOutputSchema, selectSchema, toDate } from "../common.ts";
import { userSchema } from "./user-schema.ts";
import { listUsers } from "./users-client.ts";

/** `user_list`: users of the tenant, filtered and paged. */
export const listUsersOperation = defineOperation({
  name: "user_list",
  area: "users",
  title: "List users",
  description: "Lists users by name prefix, mail, type, enabled state, creation date, or deleted ones.",
  access: "read",
  list: true,
  permissions: ["User.Read.All"],
  input: z.object({
    displayNameStartsWith: z.string().min(1).optional().describe("A displayName prefix."),
    mail: z.string().min(1).optional().describe("Exact mail."),
    userType: z.enum(["Member", "Guest"]).optional(),
    accountEnabled: z.boolean().optional(),
    createdAfter: instantSchema.optional().describe("ISO 8601."),
    select: selectSchema,
    deleted: z.boolean().optional(),
    ...listInputShape,
  }),
  output: listOutputSchema(userSchema),
  run: (ctx, input) =>
    listUsers(ctx.graph, {
      filters: { ...input, createdAfter: toDate(input.createdAfter) },
      select: input.select,
      limit: input.limit,
      cursor: input.cursor,
      deleted: input.deleted,
      signal: ctx.signal,
    }),
});
