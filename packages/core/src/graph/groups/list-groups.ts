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
  description:
    "Lists the tenant's groups (e.g. customer segments such as 'Premium customers'), optionally only those whose display name starts with a prefix, up to `limit` at a time with a `nextCursor` to continue. Returns id, name, description and group kind.",
  access: "read",
  permissions: ["Group.Read.All"],
  input: z.object({ displayNameStartsWith: z.string().min(1).optional(), ...listInputShape }),
  output: listOutputSchema(groupSchema),
  run: (ctx, input) => listGroups(ctx.graph, { ...input, signal: ctx.signal }),
});
