import type { CollectionName } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { Collection } from "../../store/store.ts";
import type { AuditTarget, DirectoryAuditInput } from "../entities/directory-audit.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { GraphError, GraphRequest, GraphRoute } from "../route.ts";
import type { ReferenceNavigation } from "./reference-navigation.ts";

/** Audit records an entity set writes for its own changes (`Add group`, `Update group`, `Delete group`). */
export interface AuditDeclaration {
  /** `GroupManagement`, `UserManagement`, `ApplicationManagement`, `DirectoryManagement`. */
  category: string;
  /** The noun after the verb in the activity: `group` gives `Add group`. */
  activity: string;
  /** The audit target type: `Group`, `User`, `ServicePrincipal`, `Company`. */
  targetType: string;
  /** Activities other than `<verb> <activity>` (a service principal's delete is `Remove service principal`). */
  activities?: Partial<Readonly<Record<"Add" | "Update" | "Delete", string>>>;
  /** Extra target fields (a user's `userPrincipalName`). */
  target?: (record: JsonObject) => Partial<AuditTarget>;
  /** The whole record, where Graph audits a change otherwise (a grant is audited on its client). */
  entry?: (verb: AuditVerb, before: JsonObject, after: JsonObject, req: GraphRequest) => DirectoryAuditInput;
}

export type AuditVerb = "Add" | "Update" | "Delete";

/**
 * An entity set as Graph's reference page describes it. {@link defineEntitySet} turns it into the
 * routes (list, `$count`, get, create, update, delete, reference navigations, type casts), the
 * 404 for an unknown key and the audit record of each change; what is particular to the entity is
 * a hook (`create.build`, `update.apply`, `remove.after`, …).
 */
export interface EntitySetDeclaration {
  /** The path segment after the version: `groups`, `organization`. */
  name: string;
  /** Where the records live. */
  collection: CollectionName;
  /** The key a record is stored under when its id is unique only within its parent (a user's phone method). */
  storeKey?: (record: JsonObject) => string;
  /**
   * A set contained in another set's records (`/servicePrincipals/{id}/appRoleAssignedTo`): its routes
   * hang under each key path of `set` (its `{id}` and alternate keys), list and find only the records
   * `owns` gives the parent in the path, and name the parent in `@odata.context` and `Location`.
   */
  parent?: {
    set: EntitySet;
    owns: (parent: JsonObject, record: JsonObject) => boolean;
  };
  /** The CSDL entity type (short name) of the records; checked against the generated shapes at start. */
  type: string;
  /** The OData answer of the set (filterable properties and operators, `$orderby`, default property set, `$expand`). */
  spec: CollectionSpec | ((req: GraphRequest, record?: JsonObject) => CollectionSpec);
  /** When the list answers otherwise than one entity (users: `$search` and advanced sorting; a flow's list annotations). */
  listSpec?: CollectionSpec | ((req: GraphRequest) => CollectionSpec);
  /** Rewrites a list request before it is answered (a flow's type-cast segments inside `$filter`). */
  listRequest?: (req: GraphRequest) => GraphRequest;
  /** What reads serve of a stored record before the OData options apply (a property only beta declares). */
  serve?: (req: GraphRequest, record: JsonObject) => JsonObject;
  /**
   * Derived types served as type-cast segments: `/{name}/microsoft.graph.{type}` lists the records of
   * that type (or one derived from it), `/{name}/{id}/microsoft.graph.{type}` gets one (404 when the
   * record is of another type). A record's type is its `@odata.type`, else `type`.
   */
  casts?: readonly (string | CastDeclaration)[];
  /** A record's type for the casts, where it is not in the record (a deleted item's is kept beside it). */
  typeOf?: (req: GraphRequest, record: JsonObject) => string;
  /**
   * Checks the caller may `use` this record, after it is found (403 otherwise): a deleted user needs a
   * user permission, a deleted group a group one. Reads use `read`, changes `write`.
   */
  authorize?: (req: GraphRequest, record: JsonObject, use: "read" | "write") => void;
  /** Directory objects: `Directory.Read.All` / `Directory.ReadWrite.All` also allow the calls. */
  directory: boolean;
  /** What a list serves when it is more than the collection (built-in user flow attributes). */
  list?: (req: GraphRequest) => Iterable<JsonObject>;
  /** Another 404 than Graph's directory one, where the resource page documents its own. */
  notFound?: (key: string) => GraphError;
  /** The `Location` of a created record (default: the set's URL and the id). */
  location?: (req: GraphRequest, record: JsonObject) => string;
  /** Finds a record by the key in the path; by default a GUID id compared without case. */
  find?: (req: GraphRequest, key: string, parent?: JsonObject) => JsonObject | undefined;
  /** Alternate key segments, `appId` gives `/{name}(appId='{appId}')`. */
  alternateKeys?: readonly {
    property: string;
    find: (req: GraphRequest, value: string, parent?: JsonObject) => JsonObject | undefined;
    /** A PATCH by this key with `Prefer: create-if-missing` creates the record it does not find (Graph's upsert). */
    upsert?: boolean;
  }[];
  read: {
    permissions: readonly string[];
    /** When listing allows more than getting one (`Group.ReadBasic.All` lists groups). */
    listPermissions?: readonly string[];
    listCost?: number;
    /** Resource units of getting one (1 when omitted). */
    cost?: number;
    /** `GET /{name}`; false where Graph lists the set only through its casts (deleted items). */
    list?: boolean;
    /** `GET /{name}/$count` (ConsistencyLevel: eventual); directory sets have it. */
    count?: boolean;
    /** `GET /{name}/{key}`; false where Graph documents no read of one record (a service principal's app role assignments). */
    get?: boolean;
  };
  /** How the set's own changes are audited; only a read-only set (the audit logs) has none. */
  audit?: AuditDeclaration;
  create?: {
    permissions: readonly string[];
    /** Validates the body and builds the stored record (full CSDL shape); may throw Graph's 400. */
    build: (req: GraphRequest, body: JsonObject, parent?: JsonObject) => JsonObject;
    /** Runs after the record is stored and audited (bindings, secrets, indexes). */
    after?: (req: GraphRequest, record: JsonObject, body: JsonObject) => void;
    /** The body names the audit lists as modified (default: every name without `@odata.`). */
    audited?: (body: JsonObject) => string[];
    /** Body names the 201 does not echo (`passwordProfile`: a password never comes back). */
    withheld?: readonly string[];
    /** Graph's per-tenant cap: creating past `count` records is a 400 naming the `plural`. */
    max?: { count: number; plural: string };
    /** The 201's object when Graph's create example shows another one than a get (a flow's handler without its providers). */
    served?: (req: GraphRequest, record: JsonObject) => JsonObject;
  };
  update?: {
    permissions: readonly string[];
    /** Applies the body to a copy of the record and validates it; returns the record to store. */
    apply: (req: GraphRequest, before: JsonObject, body: JsonObject) => JsonObject;
    /** Runs after the record is stored (bindings, indexes). Whether to store at all: `changesRecord`. */
    after?: (req: GraphRequest, before: JsonObject, after: JsonObject, body: JsonObject) => void;
    /** Whether the body changes the record itself (a PATCH with only `@odata.bind`s does not). */
    changesRecord?: (body: JsonObject) => boolean;
    /** Another audit activity than `Update <noun>` for this request (`Reset user password`). */
    activity?: (req: GraphRequest, body: JsonObject) => string | undefined;
    /** Names withheld from the audit values (passwords). */
    secret?: ReadonlySet<string>;
  };
  remove?: {
    permissions: readonly string[];
    /** Runs before the record leaves the collection; throws to refuse (ownership). */
    before?: (req: GraphRequest, record: JsonObject) => void;
    /** Runs after the record left the collection (soft delete, membership edges). */
    after?: (req: GraphRequest, record: JsonObject) => void;
  };
  /** Reference navigations (`members`, `owners`, `memberOf`): list, `$count`, casts, `$ref`. */
  navigations?: readonly ReferenceNavigation[];
  /** Further routes of the set (actions, single-property reads) that need their own handler. */
  extraRoutes?: (set: EntitySet) => readonly GraphRoute[];
}

/** A cast segment with its own rules (a deleted user is listed with user permissions, as `users`). */
export interface CastDeclaration {
  type: string;
  /** Who may list it (default: the set's read permissions). */
  permissions?: readonly string[];
  /** Its list's OData answer, context included (default: the set's, the cast added to the context). */
  listSpec?: (req: GraphRequest) => CollectionSpec;
  /** `GET /{name}/{id}/microsoft.graph.{type}` (default true). */
  get?: boolean;
}

/** A declared entity set: its routes and the lookups other sets use. */
export interface EntitySet {
  readonly declaration: EntitySetDeclaration;
  readonly routes: readonly GraphRoute[];
  /** The record at `/{name}/{key}` (of `parent`, for a contained set), or Graph's 404. */
  find(req: GraphRequest, key: string, parent?: JsonObject): JsonObject;
  spec(req: GraphRequest, record?: JsonObject): CollectionSpec;
  records(req: GraphRequest): Collection;
  /** Writes the set's audit record for one change. */
  audit(
    req: GraphRequest,
    verb: "Add" | "Update" | "Delete",
    before: JsonObject,
    after: JsonObject,
    names: readonly string[],
    activity?: string,
  ): void;
}
