import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { GRAPH_APP_ID, graphServicePrincipal } from "../entities/graph-service-principal.ts";
import { newServicePrincipal, SERVICE_PRINCIPAL_READ_ONLY } from "../entities/service-principal.ts";
import { isGuid, writeProperties } from "../entities/shape.ts";
import { randomIds } from "../ids.ts";
import { countCollection, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { servicePrincipalsSpec } from "./application-query.ts";
import { audit, changes, jsonBody, notFound } from "./common.ts";

const READ = ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
const WRITE = ["Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];

/** The service principal at `/servicePrincipals/{id}` or `/servicePrincipals(appId='{appId}')`, or 404. */
export function findServicePrincipal(req: GraphRequest, p: Readonly<Record<string, string>>): JsonObject {
  const sps = req.tenant.collection(COLLECTIONS.servicePrincipals);
  if (p.id !== undefined) {
    const sp = isGuid(p.id) ? sps.get(p.id.toLowerCase()) : undefined;
    if (sp === undefined) throw notFound(p.id);
    return sp;
  }
  const appId = String(p.appId).toLowerCase();
  for (const sp of sps.values()) if (sp.appId === appId) return sp;
  throw notFound(String(p.appId));
}

const CreateSchema = z.object({ appId: z.guid() }).loose();

function createServicePrincipal(req: GraphRequest) {
  const parsed = CreateSchema.safeParse(jsonBody(req));
  if (!parsed.success)
    throw new GraphError(
      400,
      "Request_BadRequest",
      "Invalid value specified for property 'appId' of resource 'ServicePrincipal'.",
    );
  const body = parsed.data as JsonObject;
  const appId = String(body.appId).toLowerCase();
  const sps = req.tenant.collection(COLLECTIONS.servicePrincipals);
  for (const sp of sps.values()) {
    if (sp.appId === appId) {
      throw new GraphError(
        409,
        "Request_MultipleObjectsWithSameKeyValue",
        `The service principal cannot be created, updated, or restored because the service principal name ${appId} is already in use.`,
      );
    }
  }
  let sp: JsonObject;
  if (appId === GRAPH_APP_ID) sp = graphServicePrincipal(req.tenant.info, randomIds);
  else {
    const app = [...req.tenant.collection(COLLECTIONS.applications).values()].find((a) => a.appId === appId);
    if (app === undefined) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `The appId '${appId}' of the service principal does not reference a valid application object.`,
      );
    }
    sp = newServicePrincipal(req.tenant.info, app, { ...body, appId }, randomIds);
  }
  sps.put(sp.id as string, sp);
  audit(req, {
    activityDisplayName: "Add service principal",
    category: "ApplicationManagement",
    operationType: "Add",
    targets: [
      {
        id: sp.id as string,
        displayName: sp.displayName as string | null,
        type: "ServicePrincipal",
        modifiedProperties: changes({}, sp, ["appId", "displayName"]),
      },
    ],
  });
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#servicePrincipals/$entity`,
      ...serveRecord(sp, servicePrincipalsSpec, undefined),
    },
  };
}

function updateServicePrincipal(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const before = findServicePrincipal(req, p);
  const body = jsonBody(req);
  const after = writeProperties(
    "servicePrincipal",
    structuredClone(before),
    body,
    new Set([...SERVICE_PRINCIPAL_READ_ONLY, "appId"]),
  );
  req.tenant.collection(COLLECTIONS.servicePrincipals).put(after.id as string, after);
  audit(req, {
    activityDisplayName: "Update service principal",
    category: "ApplicationManagement",
    operationType: "Update",
    targets: [
      {
        id: after.id as string,
        displayName: after.displayName as string | null,
        type: "ServicePrincipal",
        modifiedProperties: changes(
          before,
          after,
          Object.keys(body),
          new Set(["keyCredentials", "passwordCredentials"]),
        ),
      },
    ],
  });
  return { status: 204 };
}

function deleteServicePrincipal(req: GraphRequest, p: Readonly<Record<string, string>>) {
  const sp = findServicePrincipal(req, p);
  req.tenant.collection(COLLECTIONS.servicePrincipals).delete(sp.id as string);
  const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
  for (const [aid, a] of [...assignments.entries()])
    if (a.principalId === sp.id || a.resourceId === sp.id) assignments.delete(aid);
  const grants = req.tenant.collection(COLLECTIONS.oauth2PermissionGrants);
  for (const [gid, g] of [...grants.entries()])
    if (g.clientId === sp.id || g.resourceId === sp.id) grants.delete(gid);
  audit(req, {
    activityDisplayName: "Remove service principal",
    category: "ApplicationManagement",
    operationType: "Delete",
    targets: [
      { id: sp.id as string, displayName: sp.displayName as string | null, type: "ServicePrincipal" },
    ],
  });
  return { status: 204 };
}

const BY_ID = "/servicePrincipals/{id}";
const BY_APP_ID = "/servicePrincipals(appId='{appId}')";

/** `/servicePrincipals` (api-surface 10.2). */
export const servicePrincipalRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/servicePrincipals",
    permissions: READ,
    directory: true,
    handle: (req) =>
      listCollection(
        req,
        servicePrincipalsSpec,
        req.tenant.collection(COLLECTIONS.servicePrincipals).values(),
      ),
  },
  {
    method: "GET",
    path: "/servicePrincipals/$count",
    permissions: READ,
    directory: true,
    handle: (req) =>
      countCollection(
        req,
        servicePrincipalsSpec,
        req.tenant.collection(COLLECTIONS.servicePrincipals).values(),
      ),
  },
  {
    method: "POST",
    path: "/servicePrincipals",
    permissions: WRITE,
    directory: true,
    handle: createServicePrincipal,
  },
  ...[BY_ID, BY_APP_ID].flatMap((path): GraphRoute[] => [
    {
      method: "GET",
      path,
      permissions: READ,
      directory: true,
      handle: (req, p) => getEntity(req, servicePrincipalsSpec, findServicePrincipal(req, p)),
    },
    {
      method: "PATCH",
      path,
      permissions: ["Application.ReadWrite.All"],
      directory: true,
      handle: updateServicePrincipal,
    },
    {
      method: "DELETE",
      path,
      permissions: ["Application.ReadWrite.All"],
      directory: true,
      handle: deleteServicePrincipal,
    },
  ]),
];
