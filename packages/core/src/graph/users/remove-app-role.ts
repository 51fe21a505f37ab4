import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { removeAssignment } from "../service-principals/service-principals-client.ts";
import { appWithRoles } from "./app-role-assignments.ts";

/** `user_app_role_remove`: take a role assignment away from a user or group. */
export const removeAppRoleOperation = defineOperation({
  name: "user_app_role_remove",
  area: "users",
  title: "Remove an app role assignment",
  description: "Removes a user's or group's app role assignment (its id from user_app_role_list).",
  access: "destructive",
  idempotent: true,
  permissions: ["AppRoleAssignment.ReadWrite.All", "Application.Read.All"],
  input: z.object({ appId: z.guid(), assignmentId: idSchema }),
  output: z.object({ assignmentId: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    const app = await appWithRoles(ctx.graph, input.appId, ctx.signal);
    await removeAssignment(ctx.graph, app.id, input.assignmentId, { signal: ctx.signal });
    return { assignmentId: input.assignmentId, removed: true as const };
  },
});
