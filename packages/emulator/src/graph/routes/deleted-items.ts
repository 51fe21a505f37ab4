import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { DirectoryAuditInput } from "../entities/directory-audit.ts";
import { isoDate } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import { INSUFFICIENT_PRIVILEGES } from "../graph-errors.ts";
import { type CollectionSpec, getEntity } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { applicationsSpec } from "./application-query.ts";
import { audit, objectConflict } from "./common.ts";
import { groupsSpec } from "./group-query.ts";
import { userIndex } from "./user-index.ts";
import { usersSpec } from "./user-query.ts";

/**
 * Soft delete (general Entra behaviour, api-surface 6.4): deleted users, groups and applications
 * go to `/directory/deletedItems` for 30 days and can be restored or removed for good. The record
 * keeps its shape with `deletedDateTime` set; `_deletedItems` keeps its type and the secrets
 * (password hash, client credentials) a restore brings back. The emulator does not purge after 30 days.
 */
type DeletedType = "user" | "group" | "application";

const KINDS: Record<
  DeletedType,
  { collection: string; label: string; category: string; read: string[]; write: string[] }
> = {
  user: {
    collection: "users",
    label: "User",
    category: "UserManagement",
    read: ["User.Read.All", "User.ReadWrite.All", "User.DeleteRestore.All"],
    write: ["User.DeleteRestore.All", "User.ReadWrite.All"],
  },
  group: {
    collection: "groups",
    label: "Group",
    category: "GroupManagement",
    read: ["Group.Read.All", "Group.ReadWrite.All"],
    write: ["Group.ReadWrite.All"],
  },
  application: {
    collection: "applications",
    label: "Application",
    category: "ApplicationManagement",
    read: ["Application.Read.All", "Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"],
    write: ["Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"],
  },
};

/** Moves a deleted object to `deletedItems`, with the secrets a restore needs. */
export function softDelete(
  req: GraphRequest,
  type: DeletedType,
  record: JsonObject,
  secrets: JsonObject[] = [],
): void {
  const id = record.id as string;
  req.tenant.collection(COLLECTIONS.deletedItems).put(id, { ...record, deletedDateTime: isoDate(req.now()) });
  req.tenant.collection(COLLECTIONS.deletedSecrets).put(id, { type, secrets });
}

/**
 * How the deleted objects of a type answer: as their own set (the list pages' `@odata.context` names
 * `users`, `groups`, `applications`), sortable by `deletedDateTime` with the advanced query
 * parameters and by `displayName` (and a user's `userPrincipalName`) as the deletedItems page says.
 */
function specFor(req: GraphRequest, type: DeletedType): CollectionSpec {
  const base = type === "user" ? usersSpec : type === "group" ? groupsSpec(req) : applicationsSpec;
  const odataType = `#microsoft.graph.${type}`;
  return {
    ...base,
    entitySet: KINDS[type].collection,
    orderby: {
      ...base.orderby,
      displayName: "basic",
      ...(type === "user" ? { userPrincipalName: "basic" } : {}),
      deletedDateTime: "advanced",
    },
    expand: {},
    finish: (served, select, record) => ({
      "@odata.type": odataType,
      ...(base.finish === undefined ? served : base.finish(served, select, record)),
    }),
  };
}

/** The type of each deleted item found, for its audit after `remove.after` dropped the type beside it. */
const typeOfFound = new WeakMap<JsonObject, DeletedType>();

/** A deleted item (its type kept beside it in `deletedSecrets`), or undefined. */
function findDeleted(req: GraphRequest, id: string): JsonObject | undefined {
  const record = req.tenant.collection(COLLECTIONS.deletedItems).get(id.toLowerCase());
  const type = req.tenant.collection(COLLECTIONS.deletedSecrets).get(id.toLowerCase())?.type as
    | DeletedType
    | undefined;
  if (record === undefined || type === undefined) return undefined;
  typeOfFound.set(record, type);
  return record;
}

const typeOf = (req: GraphRequest, record: JsonObject): DeletedType =>
  typeOfFound.get(record) ??
  (req.tenant.collection(COLLECTIONS.deletedSecrets).get(String(record.id))?.type as DeletedType);

/** The caller may `use` deleted objects of this type: its kind's permissions or a directory one (403). */
function authorize(req: GraphRequest, record: JsonObject, use: "read" | "write"): void {
  const allowed = [
    ...KINDS[typeOf(req, record)][use],
    use === "read" ? "Directory.Read.All" : "Directory.ReadWrite.All",
    "Directory.ReadWrite.All",
  ];
  if (!req.caller.permissions.some((p) => allowed.includes(p))) {
    throw new GraphError(403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES);
  }
}

function restore(req: GraphRequest, record: JsonObject): GraphResult {
  authorize(req, record, "write");
  const type = typeOf(req, record);
  const restored: JsonObject = { ...record, deletedDateTime: null };
  const live = req.tenant.collection(KINDS[type].collection);
  const secrets = (req.tenant.collection(COLLECTIONS.deletedSecrets).get(record.id as string)?.secrets ??
    []) as JsonObject[];
  if (type === "user") {
    // Someone may have taken the UPN or a sign-in name meanwhile: the restore then fails.
    const index = userIndex(live);
    if (index.byUpn(String(restored.userPrincipalName)) !== undefined)
      throw objectConflict("userPrincipalName");
    for (const i of restored.identities as JsonObject[]) {
      if (
        i.signInType !== "userPrincipalName" &&
        index.byIdentity(String(i.issuer), String(i.issuerAssignedId)) !== undefined
      ) {
        throw objectConflict("identities");
      }
    }
    live.put(restored.id as string, restored);
    index.add(restored);
    const password = secrets[0];
    if (password !== undefined)
      req.tenant.collection(COLLECTIONS.userPasswords).put(restored.id as string, password);
  } else {
    live.put(restored.id as string, restored);
    for (const c of secrets) req.tenant.collection(COLLECTIONS.credentials).put(c.keyId as string, c);
  }
  req.tenant.collection(COLLECTIONS.deletedItems).delete(restored.id as string);
  req.tenant.collection(COLLECTIONS.deletedSecrets).delete(restored.id as string);
  audit(req, deletedItemAudit(type, restored, `Restore ${type}`, "Restore"));
  // Graph answers a restore with the restored object (200).
  return getEntity(req, { ...specFor(req, type), entitySet: "directoryObjects" }, restored);
}

/** The audit of a restore or a hard delete of a deleted item, under its kind's category and label. */
function deletedItemAudit(
  type: DeletedType,
  record: JsonObject,
  activityDisplayName: string,
  operationType: "Restore" | "Delete",
): DirectoryAuditInput {
  return {
    activityDisplayName,
    category: KINDS[type].category,
    operationType,
    targets: [
      {
        id: record.id as string,
        displayName: (record.displayName ?? null) as string | null,
        type: KINDS[type].label,
      },
    ],
  };
}

const ALL_READ = [...new Set(Object.values(KINDS).flatMap((k) => k.read))];
const ALL_WRITE = [...new Set(Object.values(KINDS).flatMap((k) => k.write))];

/**
 * `/directory/deletedItems`: listed by type only (each cast with its kind's permissions, answering as
 * the kind's own set), one item by id (as a directory object of its type), restore, delete for good.
 */
export const deletedItemSet = defineEntitySet({
  name: "directory/deletedItems",
  collection: COLLECTIONS.deletedItems,
  type: "directoryObject",
  spec: (req, record) => ({
    ...specFor(req, record === undefined ? "user" : typeOf(req, record)),
    entitySet: "directoryObjects",
  }),
  directory: true,
  find: findDeleted,
  typeOf,
  authorize,
  casts: (Object.keys(KINDS) as DeletedType[]).map((type) => ({
    type,
    permissions: KINDS[type].read,
    listSpec: (req: GraphRequest) => specFor(req, type),
    get: false,
  })),
  read: { permissions: ALL_READ, list: false },
  audit: {
    category: "DirectoryManagement",
    activity: "deleted item",
    targetType: "DirectoryObject",
    entry: (_verb, record, _after, req) => {
      const type = typeOf(req, record);
      return deletedItemAudit(type, record, `Hard delete ${type}`, "Delete");
    },
  },
  remove: {
    permissions: ALL_WRITE,
    after: (req, record) => req.tenant.collection(COLLECTIONS.deletedSecrets).delete(String(record.id)),
  },
  extraRoutes: (set) => [
    {
      method: "POST",
      path: "/directory/deletedItems/{id}/restore",
      permissions: ALL_WRITE,
      directory: true,
      handle: (req, p) => restore(req, set.find(req, p.id ?? "")),
    },
  ],
});

export const deletedItemRoutes: readonly GraphRoute[] = deletedItemSet.routes;
