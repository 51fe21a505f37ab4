import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newAppRoleAssignment } from "../entities/app-role-assignment.ts";
import type { AuditTarget, DirectoryAuditInput } from "../entities/directory-audit.ts";
import { type AuditVerb, defineEntitySet } from "../entity-set/define-entity-set.ts";
import { INSUFFICIENT_PRIVILEGES, invalidValue } from "../graph-errors.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { directoryObject, notFound } from "./common.ts";
import { servicePrincipalSet } from "./service-principals.ts";

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
 * Builds a grant of an app role: AppRoleAssignment.ReadWrite.All plus a permission to read
 * applications, as Graph requires both (api-surface 10.4). A duplicate grant is refused; new grants
 * show in newly issued tokens only (the token service reads this collection when it issues one).
 */
function buildAssignment(
  req: GraphRequest,
  body: JsonObject,
  pathSp: JsonObject | undefined,
  side: Side,
): JsonObject {
  if (!req.caller.permissions.some((p) => APPLICATION_READ.includes(p))) {
    throw new GraphError(403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
  }
  const parsed = CreateSchema.safeParse(body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") ?? "body";
    throw invalidValue(field, "AppRoleAssignment");
  }
  const principalId = parsed.data.principalId.toLowerCase();
  const resourceId = parsed.data.resourceId.toLowerCase();
  const appRoleId = parsed.data.appRoleId.toLowerCase();
  if ((side === "resource" ? resourceId : principalId) !== pathSp?.id) {
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
  for (const a of req.tenant.collection(COLLECTIONS.appRoleAssignments).values()) {
    if (a.principalId === principalId && a.resourceId === resourceId && a.appRoleId === appRoleId) {
      throw new GraphError(400, "Request_BadRequest", "Permission entry already exists.");
    }
  }
  const type = principal.type === "user" ? "User" : principal.type === "group" ? "Group" : "ServicePrincipal";
  return newAppRoleAssignment(
    { id: principalId, displayName: (principal.record.displayName ?? null) as string | null, type },
    { id: resourceId, displayName: (resource.displayName ?? null) as string | null },
    appRoleId,
    req.now(),
    randomUUID(),
  );
}

/** Graph audits a grant as `Assign` and its removal as `Unassign`, on the principal and the resource. */
function assignmentAudit(verb: AuditVerb, a: JsonObject, req: GraphRequest): DirectoryAuditInput {
  const type = String(a.principalType);
  const principal: AuditTarget = {
    id: a.principalId as string,
    displayName: a.principalDisplayName as string | null,
    type,
  };
  if (verb === "Add") {
    const resource = req.tenant.collection(COLLECTIONS.servicePrincipals).get(String(a.resourceId));
    const role = ((resource?.appRoles ?? []) as JsonObject[]).find((r) => r.id === a.appRoleId);
    principal.modifiedProperties = [
      { displayName: "AppRole.Value", oldValue: undefined, newValue: role?.value ?? null },
    ];
  }
  const sp = type === "ServicePrincipal";
  return {
    activityDisplayName:
      verb === "Add"
        ? sp
          ? "Add app role assignment to service principal"
          : `Add app role assignment grant to ${type.toLowerCase()}`
        : sp
          ? "Remove app role assignment from service principal"
          : `Remove app role assignment from ${type.toLowerCase()}`,
    category: "ApplicationManagement",
    operationType: verb === "Add" ? "Assign" : "Unassign",
    targets: [
      principal,
      {
        id: a.resourceId as string,
        displayName: a.resourceDisplayName as string | null,
        type: "ServicePrincipal",
      },
    ],
  };
}

type Side = "resource" | "principal";

/** One side of the assignments of a service principal: `appRoleAssignedTo` (resource) or `appRoleAssignments` (principal). */
function assignmentSet(name: string, side: Side) {
  const key = side === "resource" ? "resourceId" : "principalId";
  return defineEntitySet({
    name,
    collection: COLLECTIONS.appRoleAssignments,
    parent: { set: servicePrincipalSet, owns: (sp, a) => a[key] === sp.id },
    type: "appRoleAssignment",
    spec: assignmentsSpec(name),
    directory: true,
    // Assignment ids are opaque base64url strings, compared as they are.
    find: (req, id) => req.tenant.collection(COLLECTIONS.appRoleAssignments).get(id),
    read: { permissions: READ, count: false, get: false, ...(side === "principal" ? { listCost: 2 } : {}) },
    audit: {
      category: "ApplicationManagement",
      activity: "app role assignment",
      targetType: "ServicePrincipal",
      entry: (verb, _before, a, req) => assignmentAudit(verb, a, req),
    },
    create: { permissions: WRITE, build: (req, body, sp) => buildAssignment(req, body, sp, side) },
    remove: { permissions: WRITE },
  });
}

/** App role assignments, from the resource side (`appRoleAssignedTo`) and the principal side (`appRoleAssignments`). */
export const appRoleAssignmentRoutes: readonly GraphRoute[] = [
  ...assignmentSet("appRoleAssignedTo", "resource").routes,
  ...assignmentSet("appRoleAssignments", "principal").routes,
];
