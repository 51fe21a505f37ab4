import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { GRAPH_APP_ID, graphServicePrincipal } from "../entities/graph-service-principal.ts";
import { newServicePrincipal, SERVICE_PRINCIPAL_READ_ONLY } from "../entities/service-principal.ts";
import { writeProperties } from "../entities/shape.ts";
import { appIdKey, defineEntitySet } from "../entity-set/define-entity-set.ts";
import { invalidValue, notFound } from "../graph-errors.ts";
import { randomIds } from "../ids.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { servicePrincipalsSpec } from "./application-query.ts";
import { dropEdgesOf } from "./group-edges.ts";
import { memberOfNavigations } from "./group-query.ts";

const READ = ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
const WRITE = ["Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];

const CreateSchema = z.object({ appId: z.guid() }).loose();

function buildServicePrincipal(req: GraphRequest, sent: JsonObject): JsonObject {
  const parsed = CreateSchema.safeParse(sent);
  if (!parsed.success) throw invalidValue("appId", "ServicePrincipal");
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
  return sp;
}

function afterDelete(req: GraphRequest, sp: JsonObject): void {
  const assignments = req.tenant.collection(COLLECTIONS.appRoleAssignments);
  for (const [aid, a] of [...assignments.entries()])
    if (a.principalId === sp.id || a.resourceId === sp.id) assignments.delete(aid);
  const grants = req.tenant.collection(COLLECTIONS.oauth2PermissionGrants);
  for (const [gid, g] of [...grants.entries()])
    if (g.clientId === sp.id || g.resourceId === sp.id) grants.delete(gid);
  dropEdgesOf(req, String(sp.id));
}

/** `/servicePrincipals` (api-surface 10.2), by id or by `appId`. */
export const servicePrincipalSet = defineEntitySet({
  name: "servicePrincipals",
  collection: COLLECTIONS.servicePrincipals,
  type: "servicePrincipal",
  spec: servicePrincipalsSpec,
  directory: true,
  alternateKeys: [appIdKey(COLLECTIONS.servicePrincipals)],
  read: { permissions: READ },
  audit: {
    category: "ApplicationManagement",
    activity: "service principal",
    targetType: "ServicePrincipal",
    activities: { Delete: "Remove service principal" },
  },
  create: { permissions: WRITE, build: buildServicePrincipal, audited: () => ["appId", "displayName"] },
  update: {
    permissions: ["Application.ReadWrite.All"],
    secret: new Set(["keyCredentials", "passwordCredentials"]),
    apply: (_req, sp, body) =>
      writeProperties("servicePrincipal", sp, body, new Set([...SERVICE_PRINCIPAL_READ_ONLY, "appId"])),
  },
  remove: { permissions: ["Application.ReadWrite.All"], after: afterDelete },
  navigations: memberOfNavigations(READ),
});

/** The service principal at `/servicePrincipals/{id}` or `/servicePrincipals(appId='{appId}')`, or 404. */
export function findServicePrincipal(req: GraphRequest, p: Readonly<Record<string, string>>): JsonObject {
  if (p.id !== undefined) return servicePrincipalSet.find(req, p.id);
  const appId = p.appId ?? "";
  const found = servicePrincipalSet.declaration.alternateKeys?.[0]?.find(req, appId);
  if (found === undefined) throw notFound(appId);
  return found;
}

export const servicePrincipalRoutes: readonly GraphRoute[] = servicePrincipalSet.routes;
