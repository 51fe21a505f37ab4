import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema, idSchema } from "../common.ts";
import { deleteUser } from "./users-client.ts";

/** `user_delete`: delete a user. */
export const deleteUserOperation = defineOperation({
  name: "user_delete",
  area: "users",
  title: "Delete a user",
  description:
    "Deletes a user: sign-in stops at once; restorable from deleted items for 30 days. Returns the id.",
  access: "destructive",
  idempotent: true,
  permissions: ["User.ReadWrite.All"],
  input: z.object({ id: idSchema.describe("Object id or userPrincipalName.") }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteUser(ctx.graph, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
