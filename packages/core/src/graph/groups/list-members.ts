import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema, listInputShape, listOutputSchema } from "../common.ts";
import { memberSchema, ownerSchema } from "./group-schema.ts";
import { listMembers } from "./groups-client.ts";

/** `group_member_list`: direct members of a group. */
export const listMembersOperation = defineOperation({
  name: "group_member_list",
  area: "groups",
  title: "List group members or owners",
  description: "Lists a group's direct members (users, groups, service principals), or owners with owner.",
  access: "read",
  list: true,
  permissions: ["GroupMember.Read.All"],
  input: z.object({ id: idSchema.describe("Object id."), owner: ownerSchema, ...listInputShape }),
  output: listOutputSchema(memberSchema),
  run: (ctx, input) =>
    listMembers(ctx.graph, input.id, {
      limit: input.limit,
      cursor: input.cursor,
      edge: input.owner === true ? "owners" : "members",
      signal: ctx.signal,
    }),
});
