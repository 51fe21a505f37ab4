import { type CollectionName, collectionOf } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { Collection } from "../../store/store.ts";
import type { AuditTarget, DirectoryAuditInput } from "../entities/directory-audit.ts";
import { isGuid, typeProperties } from "../entities/shape.ts";
import { notFound } from "../graph-errors.ts";
import {
  type CollectionSpec,
  countCollection,
  getEntity,
  listCollection,
  serveRecord,
} from "../odata/collection-query.ts";
import type { GraphError, GraphRequest, GraphResult, GraphRoute } from "../route.ts";
import { audit, changes, jsonBody } from "../routes/common.ts";
import { type ReferenceNavigation, referenceRoutes } from "./reference-navigation.ts";

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
  entry?: (verb: AuditVerb, before: JsonObject, after: JsonObject) => DirectoryAuditInput;
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
  /** The CSDL entity type (short name) of the records; checked against the generated shapes at start. */
  type: string;
  /** The OData answer of the set (filterable properties and operators, `$orderby`, default property set, `$expand`). */
  spec: CollectionSpec | ((req: GraphRequest) => CollectionSpec);
  /** When the list answers otherwise than one entity (users: `$search` and advanced sorting). */
  listSpec?: CollectionSpec;
  /** Directory objects: `Directory.Read.All` / `Directory.ReadWrite.All` also allow the calls. */
  directory: boolean;
  /** What a list serves when it is more than the collection (built-in user flow attributes). */
  list?: (req: GraphRequest) => Iterable<JsonObject>;
  /** Another 404 than Graph's directory one, where the resource page documents its own. */
  notFound?: (key: string) => GraphError;
  /** The `Location` of a created record (default: the set's URL and the id). */
  location?: (req: GraphRequest, record: JsonObject) => string;
  /** Finds a record by the key in the path; by default a GUID id compared without case. */
  find?: (req: GraphRequest, key: string) => JsonObject | undefined;
  /** Alternate key segments, `appId` gives `/{name}(appId='{appId}')`. */
  alternateKeys?: readonly {
    property: string;
    find: (req: GraphRequest, value: string) => JsonObject | undefined;
  }[];
  read: {
    permissions: readonly string[];
    /** When listing allows more than getting one (`Group.ReadBasic.All` lists groups). */
    listPermissions?: readonly string[];
    listCost?: number;
    /** Resource units of getting one (1 when omitted). */
    cost?: number;
    /** `GET /{name}/$count` (ConsistencyLevel: eventual); directory sets have it. */
    count?: boolean;
  };
  audit: AuditDeclaration;
  create?: {
    permissions: readonly string[];
    /** Validates the body and builds the stored record (full CSDL shape); may throw Graph's 400. */
    build: (req: GraphRequest, body: JsonObject) => JsonObject;
    /** Runs after the record is stored and audited (bindings, secrets, indexes). */
    after?: (req: GraphRequest, record: JsonObject, body: JsonObject) => void;
    /** The body names the audit lists as modified (default: every name without `@odata.`). */
    audited?: (body: JsonObject) => string[];
    /** Body names the 201 does not echo (`passwordProfile`: a password never comes back). */
    withheld?: readonly string[];
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

/** A declared entity set: its routes and the lookups other sets use. */
export interface EntitySet {
  readonly declaration: EntitySetDeclaration;
  readonly routes: readonly GraphRoute[];
  /** The record at `/{name}/{key}`, or Graph's 404. */
  find(req: GraphRequest, key: string): JsonObject;
  spec(req: GraphRequest): CollectionSpec;
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

const bodyNames = (body: JsonObject): string[] => Object.keys(body).filter((k) => !k.includes("@odata."));

/** Builds the routes of an entity set from its declaration (see {@link EntitySetDeclaration}). */
export function defineEntitySet(d: EntitySetDeclaration): EntitySet {
  typeProperties(d.type); // an unknown type fails at load, not on the first request
  const records = (req: GraphRequest): Collection => collectionOf(req.tenant, d.collection);
  const spec = (req: GraphRequest): CollectionSpec => (typeof d.spec === "function" ? d.spec(req) : d.spec);
  const find = (req: GraphRequest, key: string): JsonObject => {
    const record =
      d.find !== undefined ? d.find(req, key) : isGuid(key) ? records(req).get(key.toLowerCase()) : undefined;
    if (record === undefined) throw (d.notFound ?? notFound)(key);
    return record;
  };
  const listed = (req: GraphRequest): Iterable<JsonObject> => (d.list ?? ((r) => records(r).values()))(req);
  const writeAudit: EntitySet["audit"] = (req, verb, before, after, names, activity) => {
    if (d.audit.entry !== undefined) {
      audit(req, d.audit.entry(verb, before, after));
      return;
    }
    const target: AuditTarget = {
      id: String(after.id),
      displayName: (after.displayName ?? null) as string | null,
      type: d.audit.targetType,
      ...d.audit.target?.(after),
    };
    if (verb !== "Delete") target.modifiedProperties = changes(before, after, names, d.update?.secret);
    audit(req, {
      activityDisplayName: activity ?? d.audit.activities?.[verb] ?? `${verb} ${d.audit.activity}`,
      category: d.audit.category,
      operationType: verb,
      targets: [target],
    });
  };
  const set: EntitySet = {
    declaration: d,
    routes: [],
    find,
    spec,
    records,
    audit: writeAudit,
  };
  const base = `/${d.name}`;
  const directory = d.directory;
  const routes: GraphRoute[] = [
    {
      method: "GET",
      path: base,
      permissions: d.read.listPermissions ?? d.read.permissions,
      directory,
      ...(d.read.listCost === undefined ? {} : { cost: d.read.listCost }),
      handle: (req) => listCollection(req, d.listSpec ?? spec(req), listed(req)),
    },
  ];
  if (d.read.count ?? d.directory) {
    routes.push({
      method: "GET",
      path: `${base}/$count`,
      permissions: d.read.permissions,
      directory,
      handle: (req) => countCollection(req, d.listSpec ?? spec(req), listed(req)),
    });
  }
  const keyPaths: {
    path: string;
    key: (p: Readonly<Record<string, string>>, req: GraphRequest) => JsonObject;
  }[] = [
    { path: `${base}/{id}`, key: (p, req) => find(req, p.id ?? "") },
    ...(d.alternateKeys ?? []).map((k) => ({
      path: `/${d.name}(${k.property}='{${k.property}}')`,
      key: (p: Readonly<Record<string, string>>, req: GraphRequest) => {
        const value = p[k.property] ?? "";
        const record = k.find(req, value);
        if (record === undefined) throw notFound(value);
        return record;
      },
    })),
  ];
  for (const { path, key } of keyPaths) {
    routes.push({
      method: "GET",
      path,
      permissions: d.read.permissions,
      directory,
      ...(d.read.cost === undefined ? {} : { cost: d.read.cost }),
      handle: (req, p) => getEntity(req, spec(req), key(p, req)),
    });
    if (d.update !== undefined) {
      const u = d.update;
      routes.push({
        method: "PATCH",
        path,
        permissions: u.permissions,
        directory,
        handle: (req, p) => update(set, u, req, key(p, req)),
      });
    }
    if (d.remove !== undefined) {
      const r = d.remove;
      routes.push({
        method: "DELETE",
        path,
        permissions: r.permissions,
        directory,
        handle: (req, p) => {
          const record = key(p, req);
          r.before?.(req, record);
          records(req).delete(String(record.id));
          r.after?.(req, record);
          writeAudit(req, "Delete", record, record, []);
          return { status: 204 };
        },
      });
    }
  }
  if (d.create !== undefined) {
    const c = d.create;
    routes.push({
      method: "POST",
      path: base,
      permissions: c.permissions,
      directory,
      handle: (req) => create(set, c, req),
    });
  }
  for (const nav of d.navigations ?? []) routes.push(...referenceRoutes(set, nav));
  const all = [...routes, ...(d.extraRoutes?.(set) ?? [])];
  (set as { routes: readonly GraphRoute[] }).routes = all;
  return set;
}

function create(
  set: EntitySet,
  c: NonNullable<EntitySetDeclaration["create"]>,
  req: GraphRequest,
): GraphResult {
  const body = jsonBody(req);
  const record = c.build(req, body);
  set.records(req).put(String(record.id), record);
  set.audit(req, "Add", {}, record, c.audited?.(body) ?? bodyNames(body));
  c.after?.(req, record, body);
  const name = set.declaration.name;
  const spec = set.spec(req);
  // Graph's create examples answer with the created object: the default property set and every
  // property the request set (a B2C user's `identities` and `passwordPolicies`).
  const sent = Object.keys(body).filter(
    (k) => !k.includes("@") && record[k] !== undefined && !c.withheld?.includes(k),
  );
  const served =
    spec.defaultSelect === undefined
      ? serveRecord(record, spec, undefined)
      : serveRecord(
          record,
          { ...spec, defaultSelect: [...new Set([...spec.defaultSelect, ...sent])] },
          undefined,
        );
  return {
    status: 201,
    headers: {
      location:
        set.declaration.location?.(req, record) ??
        `${req.baseUrl}/${req.version}/${name}/${String(record.id)}`,
    },
    body: { "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${name}/$entity`, ...served },
  };
}

function update(
  set: EntitySet,
  u: NonNullable<EntitySetDeclaration["update"]>,
  req: GraphRequest,
  before: JsonObject,
): GraphResult {
  const body = jsonBody(req);
  const after = u.apply(req, structuredClone(before), body);
  if (u.changesRecord?.(body) ?? true) {
    set.records(req).put(String(after.id), after);
    set.audit(req, "Update", before, after, Object.keys(body), u.activity?.(req, body));
  }
  u.after?.(req, before, after, body);
  return { status: 204 };
}
