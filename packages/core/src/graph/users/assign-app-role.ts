import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { idSchema } from "../common.ts";
import { resolveMemberIds } from "../groups/resolve-members.ts";
import { assignAppRole } from "../service-principals/service-principals-client.ts";
import {
  appWithRoles,
  describeAssignment,
  roleAssignmentSchema,
  userRoleId,
} from "./app-role-assignments.ts";

/** `user_app_role_assign`: give a user or group a role of an app (`appRoleAssignedTo`). */
export const assignAppRoleOperation = defineOperation({
  name: "user_app_role_assign",
  area: "users",
  title: "Assign an app role",
  description: "Gives a user (id, sign-in name or mail) or group (id) an app role by value or name.",
  access: "write",
  idempotent: false,
  permissions: ["AppRoleAssignment.ReadWrite.All", "Application.Read.All", "User.Read.All"],
  input: z.object({
    appId: z.guid(),
    principal: idSchema,
    role: z.string().min(1).max(256).optional(),
  }),
  output: roleAssignmentSchema,
  run: async (ctx, input) => {
    const app = await appWithRoles(ctx.graph, input.appId, ctx.signal);
    const roleId = userRoleId(app, input.role);
    const [principalId = input.principal] = await resolveMemberIds(
      ctx.graph,
      [input.principal],
      ctx.signal,
      "principal",
    );
    const assignment = await assignAppRole(ctx.graph, app.id, principalId, roleId, { signal: ctx.signal });
    return describeAssignment(app, assignment);
  },
});
