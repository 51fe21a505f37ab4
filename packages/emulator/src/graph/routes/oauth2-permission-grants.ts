import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newOAuth2PermissionGrant } from "../entities/app-role-assignment.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { getEntity, listCollection } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, directoryObject, jsonBody, notFound } from "./common.ts";

const grantsSpec: CollectionSpec = {
  entitySet: "oauth2PermissionGrants",
  type: "oAuth2PermissionGrant",
  directory: true,
  page: { default: 100, max: 999 },
  filter: {
    resource: "OAuth2PermissionGrant",
    type: "oAuth2PermissionGrant",
    directory: true,
    properties: {
      id: { ops: "eq" },
      clientId: { ops: "eq" },
      resourceId: { ops: "eq" },
      consentType: { ops: "eq" },
      principalId: { ops: "eq" },
    },
  },
};

const READ = ["DelegatedPermissionGrant.Read.All", "DelegatedPermissionGrant.ReadWrite.All"];
const WRITE = ["DelegatedPermissionGrant.ReadWrite.All"];

const CreateSchema = z
  .object({
    clientId: z.guid(),
    resourceId: z.guid(),
    consentType: z.enum(["AllPrincipals", "Principal"]),
    principalId: z.guid().nullish(),
    scope: z.string().min(1),
  })
  .loose()
  .refine((g) => (g.consentType === "Principal") === (g.principalId != null), { path: ["principalId"] });

function find(req: GraphRequest, id: string): JsonObject {
  const grant = req.tenant.collection(COLLECTIONS.oauth2PermissionGrants).get(id);
  if (grant === undefined) throw notFound(id);
  return grant;
}

/** Delegated consent: a client may act for users with these scopes on a resource (the token service reads `scope`). */
function createGrant(req: GraphRequest) {
  const parsed = CreateSchema.safeParse(jsonBody(req));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") || "body";
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid value specified for property '${field}' of resource 'OAuth2PermissionGrant'.`,
    );
  }
  const input = parsed.data;
  const sps = req.tenant.collection(COLLECTIONS.servicePrincipals);
  if (!sps.has(input.clientId.toLowerCase())) throw notFound(input.clientId);
  if (!sps.has(input.resourceId.toLowerCase())) throw notFound(input.resourceId);
  if (input.principalId != null && directoryObject(req, input.principalId.toLowerCase())?.type !== "user")
    throw notFound(input.principalId);
  const grant = newOAuth2PermissionGrant(
    {
      clientId: input.clientId.toLowerCase(),
      resourceId: input.resourceId.toLowerCase(),
      scope: input.scope,
      principalId: input.principalId?.toLowerCase() ?? null,
    },
    randomUUID(),
  );
  for (const g of req.tenant.collection(COLLECTIONS.oauth2PermissionGrants).values()) {
    if (
      g.clientId === grant.clientId &&
      g.resourceId === grant.resourceId &&
      g.principalId === grant.principalId
    ) {
      throw new GraphError(
        409,
        "Request_MultipleObjectsWithSameKeyValue",
        "Permission entry already exists.",
      );
    }
  }
  req.tenant.collection(COLLECTIONS.oauth2PermissionGrants).put(grant.id as string, grant);
  audit(req, {
    activityDisplayName: "Add delegated permission grant",
    category: "ApplicationManagement",
    operationType: "Assign",
    targets: [
      {
        id: grant.clientId as string,
        displayName: null,
        type: "ServicePrincipal",
        modifiedProperties: [
          { displayName: "DelegatedPermissionGrant.Scope", oldValue: undefined, newValue: grant.scope },
        ],
      },
    ],
  });
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#oauth2PermissionGrants/$entity`,
      ...grant,
    },
  };
}

function deleteGrant(req: GraphRequest, id: string) {
  const grant = find(req, id);
  req.tenant.collection(COLLECTIONS.oauth2PermissionGrants).delete(id);
  audit(req, {
    activityDisplayName: "Remove delegated permission grant",
    category: "ApplicationManagement",
    operationType: "Unassign",
    targets: [{ id: grant.clientId as string, displayName: null, type: "ServicePrincipal" }],
  });
  return { status: 204 };
}

/** `/oauth2PermissionGrants`: delegated consent (api-surface 11.6 costs GETs 2 RU). */
export const oauth2PermissionGrantRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/oauth2PermissionGrants",
    permissions: READ,
    directory: true,
    cost: 2,
    handle: (req) =>
      listCollection(req, grantsSpec, req.tenant.collection(COLLECTIONS.oauth2PermissionGrants).values()),
  },
  {
    method: "GET",
    path: "/oauth2PermissionGrants/{id}",
    permissions: READ,
    directory: true,
    cost: 2,
    handle: (req, p) => getEntity(req, grantsSpec, find(req, p.id as string)),
  },
  {
    method: "POST",
    path: "/oauth2PermissionGrants",
    permissions: WRITE,
    directory: true,
    handle: createGrant,
  },
  {
    method: "DELETE",
    path: "/oauth2PermissionGrants/{id}",
    permissions: WRITE,
    directory: true,
    handle: (req, p) => deleteGrant(req, p.id as string),
  },
];
