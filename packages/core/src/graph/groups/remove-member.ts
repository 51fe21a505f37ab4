import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { ownerSchema } from "./group-schema.ts";
import { removeMember } from "./groups-client.ts";

/** `group_member_remove`: take one member out of a group. */
export const removeMemberOperation = defineOperation({
  name: "group_member_remove",
  area: "groups",
  title: "Remove a group member or owner",
  description: "Removes a member, or with owner an owner, from a group (the object itself stays).",
  // Takes away what the group grants; confirmed like a delete (MCP: not an additive update).
  access: "destructive",
  idempotent: true,
  permissions: ["GroupMember.ReadWrite.All"],
  input: z.object({ id: idSchema.describe("Object id."), memberId: idSchema, owner: ownerSchema }),
  output: z.object({ id: z.string(), memberId: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    await removeMember(ctx.graph, input.id, input.memberId, {
      signal: ctx.signal,
      edge: input.owner === true ? "owners" : "members",
    });
    return { id: input.id, memberId: input.memberId, removed: true as const };
  },
});
