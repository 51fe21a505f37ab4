import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { newOAuth2PermissionGrant } from "../entities/app-role-assignment.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import { invalidValue, notFound } from "../graph-errors.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { directoryObject } from "./common.ts";

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

/** Delegated consent: a client may act for users with these scopes on a resource (the token service reads `scope`). */
function buildGrant(req: GraphRequest, body: JsonObject): JsonObject {
  const parsed = CreateSchema.safeParse(body);
  if (!parsed.success)
    throw invalidValue(parsed.error.issues[0]?.path.join(".") || "body", "OAuth2PermissionGrant");
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
    )
      throw new GraphError(
        409,
        "Request_MultipleObjectsWithSameKeyValue",
        "Permission entry already exists.",
      );
  }
  return grant;
}

/** `/oauth2PermissionGrants`: delegated consent (api-surface 11.6 costs GETs 2 RU). */
export const oauth2PermissionGrantSet = defineEntitySet({
  name: "oauth2PermissionGrants",
  collection: COLLECTIONS.oauth2PermissionGrants,
  type: "oAuth2PermissionGrant",
  spec: grantsSpec,
  directory: true,
  // Grant ids are opaque strings, not GUIDs.
  find: (req, id) => req.tenant.collection(COLLECTIONS.oauth2PermissionGrants).get(id),
  read: { permissions: READ, listCost: 2, cost: 2, count: false },
  // Graph audits a grant on its client service principal.
  audit: {
    category: "ApplicationManagement",
    activity: "delegated permission grant",
    targetType: "ServicePrincipal",
    entry: (verb, _before, grant) => ({
      activityDisplayName: `${verb === "Delete" ? "Remove" : verb} delegated permission grant`,
      category: "ApplicationManagement",
      operationType: verb === "Add" ? "Assign" : verb === "Update" ? "Update" : "Unassign",
      targets: [
        {
          id: String(grant.clientId),
          displayName: null,
          type: "ServicePrincipal",
          ...(verb !== "Delete"
            ? {
                modifiedProperties: [
                  {
                    displayName: "DelegatedPermissionGrant.Scope",
                    oldValue: undefined,
                    newValue: grant.scope,
                  },
                ],
              }
            : {}),
        },
      ],
    }),
  },
  create: { permissions: WRITE, build: buildGrant },
  // PATCH changes the scopes only (oauth2permissiongrant-update).
  update: {
    permissions: WRITE,
    apply: (_req, grant, body) => {
      for (const name of Object.keys(body)) {
        if (name !== "scope" && !name.startsWith("@odata."))
          throw invalidValue(name, "OAuth2PermissionGrant");
      }
      if (body.scope !== undefined && typeof body.scope !== "string")
        throw invalidValue("scope", "OAuth2PermissionGrant");
      return body.scope === undefined ? grant : { ...grant, scope: body.scope };
    },
  },
  remove: { permissions: WRITE },
});

export const oauth2PermissionGrantRoutes: readonly GraphRoute[] = oauth2PermissionGrantSet.routes;
