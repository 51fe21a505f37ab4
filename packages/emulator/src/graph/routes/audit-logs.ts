import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { getEntity, listCollection } from "../odata/collection-query.ts";
import type { PropertySupport } from "../odata/filter-support.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import { notFound } from "./common.ts";

const EQ: PropertySupport = { ops: "eq" };
const EQ_STARTS: PropertySupport = { ops: "eq startswith" };
const DATE: PropertySupport = { ops: "eq ge le gt lt" };

/** `GET /auditLogs/directoryAudits` (api-surface 8.1): newest first, pages of up to 1000. */
const directoryAuditsSpec: CollectionSpec = {
  entitySet: "auditLogs/directoryAudits",
  type: "directoryAudit",
  directory: false,
  page: { default: 1000, max: 1000 },
  orderby: { activityDateTime: "basic" },
  defaultOrder: { property: "activityDateTime", descending: true },
  filter: {
    resource: "DirectoryAudit",
    type: "directoryAudit",
    directory: false,
    properties: {
      id: EQ,
      activityDateTime: DATE,
      activityDisplayName: EQ_STARTS,
      category: EQ,
      correlationId: EQ,
      loggedByService: EQ,
      result: EQ,
      "initiatedBy/user/id": EQ,
      "initiatedBy/user/displayName": EQ,
      "initiatedBy/user/userPrincipalName": EQ_STARTS,
      "initiatedBy/app/appId": EQ,
      "initiatedBy/app/displayName": EQ,
    },
    lambdas: { targetResources: { properties: { id: EQ, displayName: EQ_STARTS } } },
  },
};

/** `GET /auditLogs/signIns` (api-surface 8.2): newest first, default and maximum page 1000. */
const signInsSpec: CollectionSpec = {
  entitySet: "auditLogs/signIns",
  type: "signIn",
  directory: false,
  page: { default: 1000, max: 1000 },
  orderby: { createdDateTime: "basic" },
  defaultOrder: { property: "createdDateTime", descending: true },
  filter: {
    resource: "SignIn",
    type: "signIn",
    directory: false,
    properties: {
      id: EQ,
      createdDateTime: DATE,
      appId: EQ,
      appDisplayName: EQ_STARTS,
      userId: EQ,
      userPrincipalName: EQ_STARTS,
      userDisplayName: EQ_STARTS,
      ipAddress: EQ_STARTS,
      correlationId: EQ,
      clientAppUsed: EQ,
      isInteractive: EQ,
      conditionalAccessStatus: EQ,
      resourceId: EQ,
      resourceDisplayName: EQ,
      "status/errorCode": EQ,
    },
  },
};

function find(req: GraphRequest, collection: string, id: string): JsonObject {
  const record = req.tenant.collection(collection).get(id);
  if (record === undefined) throw notFound(id);
  return record;
}

// Reports are their own throttling family (5 requests / 10 s per app and tenant); the RU cost is 1.
const PERMISSIONS = ["AuditLog.Read.All"];

/** `/auditLogs/directoryAudits` and `/auditLogs/signIns`. */
export const auditLogRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/auditLogs/directoryAudits",
    permissions: PERMISSIONS,
    handle: (req) =>
      listCollection(req, directoryAuditsSpec, req.tenant.collection(COLLECTIONS.directoryAudits).values()),
  },
  {
    method: "GET",
    path: "/auditLogs/directoryAudits/{id}",
    permissions: PERMISSIONS,
    handle: (req, p) => getEntity(req, directoryAuditsSpec, find(req, "directoryAudits", p.id as string)),
  },
  {
    method: "GET",
    path: "/auditLogs/signIns",
    permissions: PERMISSIONS,
    handle: (req) => listCollection(req, signInsSpec, req.tenant.collection(COLLECTIONS.signIns).values()),
  },
  {
    method: "GET",
    path: "/auditLogs/signIns/{id}",
    permissions: PERMISSIONS,
    handle: (req, p) => getEntity(req, signInsSpec, find(req, "signIns", p.id as string)),
  },
];
