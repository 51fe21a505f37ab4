import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRoleId, resourceWithRoles } from "./resolve-app-role.ts";
import {
  listAssignmentsOf,
  MICROSOFT_GRAPH_APP_ID,
  removeAssignment,
  requireServicePrincipal,
} from "./service-principals-client.ts";

/** `app_revoke`: revoke an application permission. */
export const revokePermissionOperation = defineOperation({
  name: "app_revoke",
  area: "apps",
  title: "Revoke an application permission",
  description:
    "Revokes an app's application permission (e.g. User.ReadWrite.All); issued tokens keep it until they expire.",
  access: "destructive",
  idempotent: true,
  permissions: ["AppRoleAssignment.ReadWrite.All", "Application.Read.All"],
  input: z.object({
    appId: z.guid(),
    permission: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/, "a permission name such as User.ReadWrite.All"),
    resourceAppId: z.guid().default(MICROSOFT_GRAPH_APP_ID),
  }),
  output: z.object({ permission: z.string(), revoked: z.boolean(), wasGranted: z.boolean() }),
  run: async (ctx, input) => {
    const resource = await resourceWithRoles(ctx.graph, input.resourceAppId, ctx.signal);
    const roleId = appRoleId(resource, input.permission);
    const client = await requireServicePrincipal(ctx.graph, input.appId, { signal: ctx.signal });
    const assignments = (await listAssignmentsOf(ctx.graph, client.id, { signal: ctx.signal })).filter(
      (a) => a.appRoleId === roleId && a.resourceId === resource.id,
    );
    for (const assignment of assignments)
      await removeAssignment(ctx.graph, resource.id, assignment.id, { signal: ctx.signal });
    return {
      permission: input.permission,
      revoked: assignments.length > 0,
      wasGranted: assignments.length > 0,
    };
  },
});
