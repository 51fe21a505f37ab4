import { COLLECTIONS, type CollectionName, collectionOf } from "../../store/collection-names.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { PropertySupport } from "../odata/filter-support.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";

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
      // `ne 0` is how Microsoft's reference filters failed sign-ins (Get-AzureADAuditSignInLogs,
      // example 4: `status/errorCode ne 0`).
      "status/errorCode": { ops: "eq ne" },
    },
  },
};

// Reports are their own throttling family (5 requests / 10 s per app and tenant); the RU cost is 1.
const read = { permissions: ["AuditLog.Read.All"], count: false };
/** Log records are found by their id as stored (sign-in ids are not always GUIDs). */
const byId = (collection: CollectionName) => (req: GraphRequest, id: string) =>
  collectionOf(req.tenant, collection).get(id);

/** `/auditLogs/directoryAudits`: read-only, written by every audited change. */
export const directoryAuditSet = defineEntitySet({
  name: "auditLogs/directoryAudits",
  collection: COLLECTIONS.directoryAudits,
  type: "directoryAudit",
  spec: directoryAuditsSpec,
  directory: false,
  find: byId(COLLECTIONS.directoryAudits),
  read,
});

/** `/auditLogs/signIns`: read-only, written by the token service. */
export const signInSet = defineEntitySet({
  name: "auditLogs/signIns",
  collection: COLLECTIONS.signIns,
  type: "signIn",
  spec: signInsSpec,
  directory: false,
  find: byId(COLLECTIONS.signIns),
  read,
});

/** `/auditLogs/directoryAudits` and `/auditLogs/signIns`. */
export const auditLogRoutes: readonly GraphRoute[] = [...directoryAuditSet.routes, ...signInSet.routes];
