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
    description:
      "Deletes a user: sign-in stops at once; restorable from deleted items for 30 days. Returns the id.",
    permissions: ["User.ReadWrite.All"],
    remove: (ctx, id) => deleteUser(ctx.graph, id, { signal: ctx.signal }),
  },
);
