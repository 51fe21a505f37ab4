import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { groupSchema } from "./group-schema.ts";
import { restoreGroup } from "./groups-client.ts";

/** `group_restore`: bring back a deleted group from the directory's deleted items. */
export const restoreGroupOperation = defineOperation({
  name: "group_restore",
  area: "groups",
  title: "Restore a deleted group",
  description: "Restores a group deleted in the last 30 days (see group_list deleted). Returns the group.",
  access: "write",
  idempotent: false,
  permissions: ["Group.ReadWrite.All"],
  input: z.object({ id: z.guid().describe("Object id of the deleted group.") }),
  output: groupSchema,
  run: (ctx, input) => restoreGroup(ctx.graph, input.id, { signal: ctx.signal }),
});
