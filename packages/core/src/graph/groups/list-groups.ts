import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listInputShape, listOutputSchema } from "../common.ts";
import { groupSchema } from "./group-schema.ts";
import { listGroups } from "./groups-client.ts";

/** `group_list`: groups of the tenant. */
export const listGroupsOperation = defineOperation({
  name: "group_list",
  area: "groups",
  title: "List groups",
  description: "Lists groups, optionally by display-name prefix, or those deleted in the last 30 days.",
  access: "read",
  list: true,
  permissions: ["Group.Read.All"],
  input: z.object({
    displayNameStartsWith: z.string().min(1).optional(),
    deleted: z.boolean().optional(),
    ...listInputShape,
  }),
  output: listOutputSchema(groupSchema),
  run: (ctx, input) => listGroups(ctx.graph, { ...input, signal: ctx.signal }),
});
