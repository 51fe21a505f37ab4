import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { groupSchema } from "./group-schema.ts";
import { restoreGroup } from "./groups-client.ts";

/** `group_restore`: bring back a deleted group from the directory's deleted items. */
export const restoreGroupOperation = defineOperation({
  name: "group_restore",
  area: "groups",
  title: "Restore a deleted group",
  description: "Restores a group deleted in the last 30 days (group_list with deleted lists them).",
  access: "write",
  idempotent: false,
  permissions: ["Group.ReadWrite.All"],
  input: z.object({ id: z.guid() }),
  output: groupSchema,
  run: (ctx, input) => restoreGroup(ctx.graph, input.id, { signal: ctx.signal }),
});
