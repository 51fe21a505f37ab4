import { deleteOperation } from "../by-id-operations.ts";
import { idSchema } from "../common.ts";
import { deleteGroup } from "./groups-client.ts";

/** `group_delete`: delete a group. */
export const deleteGroupOperation = deleteOperation("group_delete", "groups", idSchema, {
  title: "Delete a group",
  description: "Deletes a group but not its members; group_restore brings it back within 30 days.",
  permissions: ["Group.ReadWrite.All"],
  remove: (ctx, id) => deleteGroup(ctx.graph, id, { signal: ctx.signal }),
});
