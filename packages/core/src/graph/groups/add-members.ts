import { z } from "zod";
import { isApiError } from "../../http/errors.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { addMember } from "./groups-client.ts";

/** `group_member_add`: add users (or other objects) to a group. */
export const addMembersOperation = defineOperation({
  name: "group_member_add",
  area: "groups",
  title: "Add members to a group",
  description:
    "Adds members (usually users) to a group; each is added, alreadyMember or failed (with its code); a failure does not stop the rest.",
  access: "write",
  idempotent: true,
  permissions: ["GroupMember.ReadWrite.All"],
  input: z.object({
    id: idSchema.describe("Object id."),
    memberIds: z.array(idSchema).min(1).max(1000).describe("Object ids (users, …)."),
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
    for (const [index, memberId] of [...new Set(input.memberIds)].entries()) {
      try {
        await addMember(ctx.graph, input.id, memberId, { signal: ctx.signal });
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
