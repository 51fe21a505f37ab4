import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { ORGANIZATION_WRITABLE } from "../entities/organization.ts";
import { writeProperties } from "../entities/shape.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { getEntity, listCollection } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, changes, jsonBody, notFound } from "./common.ts";

const organizationSpec: CollectionSpec = {
  entitySet: "organization",
  type: "organization",
  directory: true,
  page: { default: 100, max: 999 },
  filter: {
    resource: "Organization",
    type: "organization",
    directory: true,
    properties: { id: { ops: "eq" } },
  },
};

function findOrganization(req: GraphRequest, id: string): JsonObject {
  const org = req.tenant.collection(COLLECTIONS.organization).get(id.toLowerCase());
  if (org === undefined) throw notFound(id);
  return org;
}

function updateOrganization(req: GraphRequest, id: string) {
  const before = findOrganization(req, id);
  const body = jsonBody(req);
  for (const name of Object.keys(body)) {
    if (!ORGANIZATION_WRITABLE.has(name))
      throw new GraphError(400, "Request_BadRequest", `Property '${name}' is read-only and cannot be set.`);
  }
  const after = writeProperties("organization", structuredClone(before), body);
  req.tenant.collection(COLLECTIONS.organization).put(after.id as string, after);
  audit(req, {
    activityDisplayName: "Update company settings",
    category: "DirectoryManagement",
    operationType: "Update",
    targets: [
      {
        id: after.id as string,
        displayName: after.displayName as string | null,
        type: "Company",
        modifiedProperties: changes(before, after, Object.keys(body)),
      },
    ],
  });
  return { status: 204 };
}

/** `/organization`: the tenant's one organization record. */
export const organizationRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/organization",
    permissions: ["Organization.Read.All", "Organization.ReadWrite.All"],
    directory: true,
    handle: (req) =>
      listCollection(req, organizationSpec, req.tenant.collection(COLLECTIONS.organization).values()),
  },
  {
    method: "GET",
    path: "/organization/{id}",
    permissions: ["Organization.Read.All", "Organization.ReadWrite.All"],
    directory: true,
    handle: (req, p) => getEntity(req, organizationSpec, findOrganization(req, p.id as string)),
  },
  {
    method: "PATCH",
    path: "/organization/{id}",
    permissions: ["Organization.ReadWrite.All"],
    directory: true,
    handle: (req, p) => updateOrganization(req, p.id as string),
  },
];
