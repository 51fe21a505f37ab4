import { z } from "zod";
import { ConflictError } from "../../http/errors.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRoleId, resourceWithRoles } from "./resolve-app-role.ts";
import {
  assignAppRole,
  listAssignmentsOf,
  MICROSOFT_GRAPH_APP_ID,
  requireServicePrincipal,
} from "./service-principals-client.ts";

/** `app_grant`: grant an application permission (admin consent for one app role). */
export const grantPermissionOperation = defineOperation({
  name: "app_grant",
  area: "apps",
  title: "Grant an application permission",
  description:
    "Grants an application permission (e.g. User.ReadWrite.All) with admin consent; an existing grant is reported, not duplicated.",
  access: "write",
  idempotent: true,
  permissions: ["AppRoleAssignment.ReadWrite.All", "Application.Read.All"],
  input: z.object({
    appId: z.guid().describe("Client id of the app to grant."),
    permission: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/, "a permission name such as User.ReadWrite.All"),
    resourceAppId: z
      .guid()
      .default(MICROSOFT_GRAPH_APP_ID)
      .describe("The API offering it; default Microsoft Graph."),
  }),
  output: z.object({
    assignmentId: z.string(),
    permission: z.string(),
    appRoleId: z.string(),
    alreadyGranted: z.boolean(),
  }),
  run: async (ctx, input) => {
    const resource = await resourceWithRoles(ctx.graph, input.resourceAppId, ctx.signal);
    const roleId = appRoleId(resource, input.permission);
    const client = await requireServicePrincipal(ctx.graph, input.appId, { signal: ctx.signal });
    const existing = async () =>
      (await listAssignmentsOf(ctx.graph, client.id, { signal: ctx.signal })).find(
        (a) => a.appRoleId === roleId && a.resourceId === resource.id,
      );
    const before = await existing();
    if (before !== undefined)
      return {
        assignmentId: before.id,
        permission: input.permission,
        appRoleId: roleId,
        alreadyGranted: true,
      };
    try {
      const created = await assignAppRole(ctx.graph, resource.id, client.id, roleId, { signal: ctx.signal });
      return {
        assignmentId: created.id,
        permission: input.permission,
        appRoleId: roleId,
        alreadyGranted: false,
      };
    } catch (error) {
      // A concurrent grant won the race: Graph answers "Permission entry already exists" (400 or 409).
      if (
        !(error instanceof ConflictError) &&
        !(error instanceof Error && /already exists/i.test(error.message))
      )
        throw error;
      const after = await existing();
      if (after === undefined) throw error;
      return {
        assignmentId: after.id,
        permission: input.permission,
        appRoleId: roleId,
        alreadyGranted: true,
      };
    }
  },
});
