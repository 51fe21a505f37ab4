import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { segment, withoutODataContext } from "../common.ts";
import { type User, userSchema } from "./user-schema.ts";

/** `user_restore`: bring back a deleted user from the directory's deleted items. */
export const restoreUserOperation = defineOperation({
  name: "user_restore",
  area: "users",
  title: "Restore a deleted user",
  description: "Restores a user deleted in the last 30 days; a conflict if its sign-in name was taken.",
  access: "write",
  idempotent: false,
  permissions: ["User.ReadWrite.All"],
  input: z.object({ id: z.guid().describe("Object id of the deleted user.") }),
  output: userSchema,
  run: async (ctx, input) =>
    withoutODataContext(
      await ctx.graph.post<User>(`/directory/deletedItems/${segment(input.id)}/restore`, undefined, {
        signal: ctx.signal,
      }),
    ),
});
