import { COLLECTIONS } from "../../store/collection-names.ts";
import { ORGANIZATION_WRITABLE } from "../entities/organization.ts";
import { writeProperties } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";

/** Graph's directory quota of a tenant whose domain is not verified (organization resource page). */
const DIRECTORY_QUOTA = 50_000;

/**
 * `/organization` answers as the organization page's examples show, with the two properties they
 * carry beyond the v1.0 CSDL: `directorySizeQuota` (the directory objects held) and
 * `isMultipleDataLocationsForServicesEnabled`.
 */
const organizationSpec = (req: GraphRequest): CollectionSpec => ({
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
  documented: {
    directorySizeQuota: () => ({
      used: [COLLECTIONS.users, COLLECTIONS.groups, COLLECTIONS.applications, COLLECTIONS.servicePrincipals]
        .map((c) => req.tenant.collection(c).size)
        .reduce((a, b) => a + b, 0),
      total: DIRECTORY_QUOTA,
    }),
    isMultipleDataLocationsForServicesEnabled: () => null,
  },
});

/** `/organization`: the tenant's one organization record (list, get, PATCH of the writable settings). */
export const organizationSet = defineEntitySet({
  name: "organization",
  collection: COLLECTIONS.organization,
  type: "organization",
  spec: organizationSpec,
  directory: true,
  read: { permissions: ["Organization.Read.All", "Organization.ReadWrite.All"], count: false },
  audit: {
    category: "DirectoryManagement",
    activity: "company settings",
    targetType: "Company",
    activities: { Update: "Update company settings" },
  },
  update: {
    permissions: ["Organization.ReadWrite.All"],
    apply: (_req, org, body) => {
      for (const name of Object.keys(body)) {
        if (!ORGANIZATION_WRITABLE.has(name))
          throw new GraphError(
            400,
            "Request_BadRequest",
            `Property '${name}' is read-only and cannot be set.`,
          );
      }
      return writeProperties("organization", org, body);
    },
  },
});

export const organizationRoutes: readonly GraphRoute[] = organizationSet.routes;
