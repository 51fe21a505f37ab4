import { deleteOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { deleteUser } from "./users-client.ts";

/** `user_delete`: delete a user. */
export const deleteUserOperation = deleteOperation(
  "user_delete",
  "users",
  idSchema.describe("Object id or userPrincipalName."),
  {
    title: "Delete a user",
    description: "Deletes a user; sign-in stops at once. user_restore brings it back within 30 days.",
    permissions: ["User.ReadWrite.All"],
    remove: (ctx, id) => deleteUser(ctx.graph, id, { signal: ctx.signal }),
  },
);
