import { z } from "zod";
import { isApiError } from "../../http/errors.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { ownerSchema } from "./group-schema.ts";
import { addMember } from "./groups-client.ts";
import { resolveMemberIds } from "./resolve-members.ts";

/** `group_member_add`: add users (or other objects) to a group. */
export const addMembersOperation = defineOperation({
  name: "group_member_add",
  area: "groups",
  title: "Add group members or owners",
  description: "Adds users (id, sign-in name or mail) or objects (id) as members, or owners with owner.",
  access: "write",
  idempotent: true,
  permissions: ["GroupMember.ReadWrite.All", "User.Read.All", "Organization.Read.All"],
  input: z.object({
    id: idSchema.describe("Object id."),
    memberIds: z.array(idSchema).min(1).max(1000),
    owner: ownerSchema,
  }),
  output: z.object({
    results: z.array(
      z.object({
        memberId: z.string(),
        status: z.enum(["added", "alreadyMember", "failed"]),
        code: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  }),
  run: async (ctx, input) => {
    const results = [];
    const edge = input.owner === true ? "owners" : "members";
    const memberIds = await resolveMemberIds(ctx.graph, input.memberIds, ctx.signal);
    for (const [index, memberId] of [...new Set(memberIds)].entries()) {
      try {
        await addMember(ctx.graph, input.id, memberId, { signal: ctx.signal, edge });
        results.push({ memberId, status: "added" as const });
      } catch (error) {
        // Graph reports an existing member as 400 "One or more added object references already exist".
        if (isApiError(error) && error.status === 400 && /already exist/i.test(error.message)) {
          results.push({ memberId, status: "alreadyMember" as const });
        } else if (
          isApiError(error) &&
          error.status !== 403 &&
          error.status !== 401 &&
          error.status !== 429
        ) {
          results.push({ memberId, status: "failed" as const, code: error.code, message: error.message });
        } else {
          throw error;
        }
      }
      ctx.onProgress?.({ message: "adding members", done: index + 1, total: input.memberIds.length });
    }
    return { results };
  },
});
