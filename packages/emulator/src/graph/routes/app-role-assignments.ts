import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newAppRoleAssignment } from "../entities/app-role-assignment.ts";
import { INSUFFICIENT_PRIVILEGES } from "../graph-errors.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { listCollection } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, directoryObject, jsonBody, notFound } from "./common.ts";
import { findServicePrincipal } from "./service-principals.ts";

/** The default app role (`00000000-…`) assigns a principal to an app without a specific role. */
const DEFAULT_ROLE = "00000000-0000-0000-0000-000000000000";
const READ = ["Application.Read.All", "AppRoleAssignment.ReadWrite.All", "Application.ReadWrite.All"];
const WRITE = ["AppRoleAssignment.ReadWrite.All"];
const APPLICATION_READ = [
  "Application.Read.All",
  "Application.ReadWrite.OwnedBy",
  "Application.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

const assignmentsSpec = (entitySet: string): CollectionSpec => ({
  entitySet,
  type: "appRoleAssignment",
  directory: true,
  page: { default: 100, max: 999 },
  filter: {
    resource: "AppRoleAssignment",
    type: "appRoleAssignment",
    directory: true,
    properties: {
      principalId: { ops: "eq" },
      resourceId: { ops: "eq" },
      appRoleId: { ops: "eq" },
      id: { ops: "eq" },
    },
  },
});

const CreateSchema = z.object({ principalId: z.guid(), resourceId: z.guid(), appRoleId: z.guid() }).loose();

/**
 * Grants an app role: AppRoleAssignment.ReadWrite.All plus a permission to read applications, as
 * Graph requires both (api-surface 10.4). A duplicate grant is refused; new grants show in newly
 * issued tokens only (the token service reads this collection when it issues one).
 */
function assign(req: GraphRequest, pathSp: JsonObject, side: "resource" | "principal") {
  if (!req.caller.permissions.some((p) => APPLICATION_READ.includes(p))) {
    throw new GraphError(403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
  }
  const parsed = CreateSchema.safeParse(jsonBody(req));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") ?? "body";
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid value specified for property '${field}' of resource 'AppRoleAssignment'.`,
    );
  }
  const principalId = parsed.data.principalId.toLowerCase();
  const resourceId = parsed.data.resourceId.toLowerCase();
  const appRoleId = parsed.data.appRoleId.toLowerCase();
  if ((side === "resource" ? resourceId : principalId) !== pathSp.id) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The ${side}Id in the body must be the service principal in the URL.`,
    );
  }
  const principal = directoryObject(req, principalId);
  if (principal === undefined || principal.type === "application") throw notFound(principalId);
  const resource = req.tenant.collection(COLLECTIONS.servicePrincipals).get(resourceId);
  if (resource === undefined) throw notFound(resourceId);
  const roles = (resource.appRoles ?? []) as JsonObject[];
  if (appRoleId !== DEFAULT_ROLE && !roles.some((r) => r.id === appRoleId && r.isEnabled !== false)) {
    throw new GraphError(400, "Request_BadRequest", "Permission being assigned was not found on application");
  }
  const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
  for (const a of assignments.values()) {
    if (a.principalId === principalId && a.resourceId === resourceId && a.appRoleId === appRoleId) {
      throw new GraphError(400, "Request_BadRequest", "Permission entry already exists.");
    }
  }
  const type = principal.type === "user" ? "User" : principal.type === "group" ? "Group" : "ServicePrincipal";
  const assignment = newAppRoleAssignment(
    { id: principalId, displayName: (principal.record.displayName ?? null) as string | null, type },
    { id: resourceId, displayName: (resource.displayName ?? null) as string | null },
    appRoleId,
    req.now(),
    randomUUID(),
  );
  assignments.put(assignment.id as string, assignment);
  const role = roles.find((r) => r.id === appRoleId);
  audit(req, {
    activityDisplayName:
      type === "ServicePrincipal"
        ? "Add app role assignment to service principal"
        : `Add app role assignment grant to ${type.toLowerCase()}`,
    category: "ApplicationManagement",
    operationType: "Assign",
    targets: [
      {
        id: principalId,
        displayName: assignment.principalDisplayName as string | null,
        type,
        modifiedProperties: [
          { displayName: "AppRole.Value", oldValue: undefined, newValue: role?.value ?? null },
        ],
      },
      {
        id: resourceId,
        displayName: assignment.resourceDisplayName as string | null,
        type: "ServicePrincipal",
      },
    ],
  });
  const entitySet = side === "resource" ? "appRoleAssignedTo" : "appRoleAssignments";
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#servicePrincipals('${pathSp.id as string}')/${entitySet}/$entity`,
      ...assignment,
    },
  };
}

function unassign(
  req: GraphRequest,
  pathSp: JsonObject,
  assignmentId: string,
  side: "resource" | "principal",
) {
  const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
  const a = assignments.get(assignmentId);
  if (a === undefined || (side === "resource" ? a.resourceId : a.principalId) !== pathSp.id)
    throw notFound(assignmentId);
  assignments.delete(assignmentId);
  audit(req, {
    activityDisplayName:
      a.principalType === "ServicePrincipal"
        ? "Remove app role assignment from service principal"
        : `Remove app role assignment from ${String(a.principalType).toLowerCase()}`,
    category: "ApplicationManagement",
    operationType: "Unassign",
    targets: [
      {
        id: a.principalId as string,
        displayName: a.principalDisplayName as string | null,
        type: String(a.principalType),
      },
      {
        id: a.resourceId as string,
        displayName: a.resourceDisplayName as string | null,
        type: "ServicePrincipal",
      },
    ],
  });
  return { status: 204 };
}

function list(req: GraphRequest, sp: JsonObject, side: "resource" | "principal") {
  const key = side === "resource" ? "resourceId" : "principalId";
  const items = [...req.tenant.collection(COLLECTIONS.appRoleAssignments).values()].filter(
    (a) => a[key] === sp.id,
  );
  const entitySet = `servicePrincipals('${sp.id as string}')/${side === "resource" ? "appRoleAssignedTo" : "appRoleAssignments"}`;
  return listCollection(req, assignmentsSpec(entitySet), items);
}

/** App role assignments, from the resource side (`appRoleAssignedTo`) and the principal side (`appRoleAssignments`). */
export const appRoleAssignmentRoutes: GraphRoute[] = (
  [
    ["appRoleAssignedTo", "resource"],
    ["appRoleAssignments", "principal"],
  ] as const
).flatMap(([segment, side]): GraphRoute[] =>
  ["/servicePrincipals/{id}", "/servicePrincipals(appId='{appId}')"].flatMap((base): GraphRoute[] => [
    {
      method: "GET",
      path: `${base}/${segment}`,
      permissions: READ,
      directory: true,
      cost: side === "principal" ? 2 : 1,
      handle: (req, p) => list(req, findServicePrincipal(req, p), side),
    },
    {
      method: "POST",
      path: `${base}/${segment}`,
      permissions: WRITE,
      directory: true,
      handle: (req, p) => assign(req, findServicePrincipal(req, p), side),
    },
    {
      method: "DELETE",
      path: `${base}/${segment}/{assignmentId}`,
      permissions: WRITE,
      directory: true,
      handle: (req, p) => unassign(req, findServicePrincipal(req, p), p.assignmentId as string, side),
    },
  ]),
);
