import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema, segment } from "../common.ts";

/** `user_sessions_revoke`: sign a user out everywhere (Graph `revokeSignInSessions`). */
export const revokeSessionsOperation = defineOperation({
  name: "user_sessions_revoke",
  area: "users",
  title: "Sign a user out everywhere",
  description: "Invalidates the user's refresh tokens and session cookies issued until now.",
  access: "write",
  idempotent: true,
  permissions: ["User.RevokeSessions.All"],
  input: z.object({ id: idSchema.describe("Object id or userPrincipalName.") }),
  output: z.object({ id: z.string(), revoked: z.literal(true) }),
  run: async (ctx, input) => {
    await ctx.graph.post(`/users/${segment(input.id)}/revokeSignInSessions`, undefined, {
      signal: ctx.signal,
    });
    return { id: input.id, revoked: true as const };
  },
});
