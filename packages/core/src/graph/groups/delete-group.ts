import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema, idSchema } from "../common.ts";
import { deleteGroup } from "./groups-client.ts";

/** `group_delete`: delete a group. */
export const deleteGroupOperation = defineOperation({
  name: "group_delete",
  area: "groups",
  title: "Delete a group",
  description: "Deletes a group; its members are not deleted, only their membership. Returns the id deleted.",
  access: "destructive",
  idempotent: true,
  permissions: ["Group.ReadWrite.All"],
  input: z.object({ id: idSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteGroup(ctx.graph, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
