import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { permissionName } from "./resolve-app-role.ts";
import type { ServicePrincipal } from "./service-principal-schema.ts";
import { listAssignmentsOf, requireServicePrincipal } from "./service-principals-client.ts";

/** `app_grant_list`: what an app holds. */
export const listGrantsOperation = defineOperation({
  name: "app_grant_list",
  area: "apps",
  title: "List an app's application permissions",
  description:
    "Lists the application permissions an app holds (name, resource, when granted): can it run an operation?",
  access: "read",
  permissions: ["Application.Read.All"],
  input: z.object({ appId: z.guid().describe("Client id.") }),
  output: z.object({
    grants: z.array(
      z.object({
        permission: z.string(),
        resourceDisplayName: z.string().nullish(),
        resourceId: z.string().nullish(),
        appRoleId: z.string(),
        assignmentId: z.string(),
        createdDateTime: z.string().nullish(),
      }),
    ),
  }),
  run: async (ctx, input) => {
    const client = await requireServicePrincipal(ctx.graph, input.appId, { signal: ctx.signal });
    const assignments = await listAssignmentsOf(ctx.graph, client.id, { signal: ctx.signal });
    const resources = new Map<string, ServicePrincipal | undefined>();
    const grants = [];
    for (const a of assignments) {
      const resourceId = a.resourceId ?? "";
      if (!resources.has(resourceId)) {
        resources.set(
          resourceId,
          resourceId === ""
            ? undefined
            : await ctx.graph.get<ServicePrincipal>(`/servicePrincipals/${encodeURIComponent(resourceId)}`, {
                query: { $select: "id,appId,displayName,appRoles" },
                signal: ctx.signal,
              }),
        );
      }
      const resource = resources.get(resourceId);
      grants.push({
        permission: resource === undefined ? a.appRoleId : permissionName(resource, a.appRoleId),
        resourceDisplayName: a.resourceDisplayName ?? resource?.displayName,
        resourceId: a.resourceId,
        appRoleId: a.appRoleId,
        assignmentId: a.id,
        createdDateTime: a.createdDateTime,
      });
    }
    return { grants };
  },
});
