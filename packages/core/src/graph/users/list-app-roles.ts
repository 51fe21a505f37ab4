import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import {
  appWithRoles,
  assignmentsTo,
  describeAssignment,
  roleAssignmentSchema,
} from "./app-role-assignments.ts";

/** `user_app_role_list`: the users and groups holding roles of an app. */
export const listAppRolesOperation = defineOperation({
  name: "user_app_role_list",
  area: "users",
  title: "List app role assignments",
  description: "Lists the users and groups assigned to an app, with their role (default: plain access).",
  access: "read",
  permissions: ["Application.Read.All"],
  input: z.object({ appId: z.guid() }),
  output: z.object({ items: z.array(roleAssignmentSchema) }),
  run: async (ctx, input) => {
    const app = await appWithRoles(ctx.graph, input.appId, ctx.signal);
    const all = await assignmentsTo(ctx.graph, app, ctx.signal);
    return {
      items: all
        .filter((a) => a.principalType === "User" || a.principalType === "Group")
        .map((a) => describeAssignment(app, a)),
    };
  },
});
