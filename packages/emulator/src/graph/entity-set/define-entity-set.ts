import { type CollectionName, collectionOf } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { Collection } from "../../store/store.ts";
import type { AuditTarget } from "../entities/directory-audit.ts";
import { isGuid, typeProperties } from "../entities/shape.ts";
import { notFound } from "../graph-errors.ts";
import {
  type CollectionSpec,
  countCollection,
  getEntity,
  listCollection,
  serveRecord,
} from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { audit, changes, jsonBody } from "../routes/common.ts";
import {
  containedPath,
  keyPathsOf,
  prefersCreate,
  presetBody,
  scopedSpec,
  scopesOf,
} from "./contained-set.ts";
import type { EntitySet, EntitySetDeclaration } from "./entity-set-declaration.ts";
import { referenceRoutes } from "./reference-navigation.ts";
import { typeCastRoutes } from "./type-casts.ts";

export type { AuditVerb, EntitySet, EntitySetDeclaration } from "./entity-set-declaration.ts";

const bodyNames = (body: JsonObject): string[] => Object.keys(body).filter((k) => !k.includes("@odata."));

/** Builds the routes of an entity set from its declaration (see {@link EntitySetDeclaration}). */
export function defineEntitySet(d: EntitySetDeclaration): EntitySet {
  typeProperties(d.type); // an unknown type fails at load, not on the first request
  const audited = d.audit;
  if (audited === undefined && (d.create ?? d.update ?? d.remove) !== undefined)
    throw new Error(`entity set ${d.name}: a set that changes records declares its audit`);
  const records = (req: GraphRequest): Collection => collectionOf(req.tenant, d.collection);
  const spec = (req: GraphRequest, record?: JsonObject): CollectionSpec =>
    typeof d.spec === "function" ? d.spec(req, record) : d.spec;
  const owned = (parent: JsonObject | undefined, record: JsonObject): boolean =>
    parent === undefined || d.parent === undefined || d.parent.owns(parent, record);
  const find = (req: GraphRequest, key: string, parent?: JsonObject): JsonObject => {
    const record =
      d.find !== undefined
        ? d.find(req, key, parent)
        : isGuid(key)
          ? records(req).get(key.toLowerCase())
          : undefined;
    if (record === undefined || !owned(parent, record)) throw (d.notFound ?? notFound)(key);
    return record;
  };
  const listed = (req: GraphRequest, parent?: JsonObject): Iterable<JsonObject> => {
    const all = (d.list ?? ((r) => records(r).values()))(req);
    return parent === undefined ? all : [...all].filter((r) => owned(parent, r));
  };
  const listSpec = (req: GraphRequest): CollectionSpec =>
    d.listSpec === undefined ? spec(req) : typeof d.listSpec === "function" ? d.listSpec(req) : d.listSpec;
  const served = (req: GraphRequest, record: JsonObject): JsonObject => d.serve?.(req, record) ?? record;
  const servedList = (req: GraphRequest, parent?: JsonObject): Iterable<JsonObject> =>
    d.serve === undefined ? listed(req, parent) : [...listed(req, parent)].map((r) => served(req, r));
  const writeAudit: EntitySet["audit"] = (req, verb, before, after, names, activity) => {
    if (audited === undefined) return;
    if (audited.entry !== undefined) {
      audit(req, audited.entry(verb, before, after, req));
      return;
    }
    const target: AuditTarget = {
      id: String(after.id),
      displayName: (after.displayName ?? null) as string | null,
      type: audited.targetType,
      ...audited.target?.(after),
    };
    if (verb !== "Delete") target.modifiedProperties = changes(before, after, names, d.update?.secret);
    audit(req, {
      activityDisplayName: activity ?? audited.activities?.[verb] ?? `${verb} ${audited.activity}`,
      category: audited.category,
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
  const directory = d.directory;
  const authorized = (req: GraphRequest, record: JsonObject, use: "read" | "write"): JsonObject => {
    d.authorize?.(req, record, use);
    return record;
  };
  const routes: GraphRoute[] = [];
  for (const scope of scopesOf(d)) {
    const base = `${scope.prefix}/${d.name}`;
    if (d.read.list ?? true)
      routes.push({
        method: "GET",
        path: base,
        permissions: d.read.listPermissions ?? d.read.permissions,
        directory,
        ...(d.read.listCost === undefined ? {} : { cost: d.read.listCost }),
        handle: (req, p) => {
          const parent = scope.parent(req, p);
          const plain = d.listRequest?.(req) ?? req;
          return listCollection(plain, scopedSpec(d, listSpec(plain), parent), servedList(req, parent));
        },
      });
    if ((d.read.list ?? true) && (d.read.count ?? d.directory)) {
      routes.push({
        method: "GET",
        path: `${base}/$count`,
        permissions: d.read.permissions,
        directory,
        handle: (req, p) => {
          const parent = scope.parent(req, p);
          const plain = d.listRequest?.(req) ?? req;
          return countCollection(plain, scopedSpec(d, listSpec(plain), parent), servedList(req, parent));
        },
      });
    }
    const keyPaths = keyPathsOf(d, scope, base, find);
    for (const { path, key, lookup, upsert } of keyPaths) {
      if (d.read.get ?? true) {
        routes.push({
          method: "GET",
          path,
          permissions: d.read.permissions,
          directory,
          ...(d.read.cost === undefined ? {} : { cost: d.read.cost }),
          handle: (req, p) => {
            const record = authorized(req, key(p, req), "read");
            return getEntity(
              req,
              scopedSpec(d, spec(req, record), scope.parent(req, p)),
              served(req, record),
            );
          },
        });
      }
      if (d.update !== undefined) {
        const u = d.update;
        const c = d.create;
        routes.push({
          method: "PATCH",
          path,
          permissions: u.permissions,
          directory,
          handle: (req, p) =>
            upsert !== undefined && c !== undefined && prefersCreate(req) && lookup(p, req) === undefined
              ? create(set, c, req, scope.parent(req, p), presetBody(d, jsonBody(req), upsert(p)))
              : update(set, u, req, authorized(req, key(p, req), "write")),
        });
      }
      if (d.remove !== undefined) {
        const r = d.remove;
        routes.push({
          method: "DELETE",
          path,
          permissions: r.permissions,
          directory,
          handle: (req, p) => remove(set, r, req, authorized(req, key(p, req), "write")),
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
        handle: (req, p) => create(set, c, req, scope.parent(req, p)),
      });
    }
  }
  for (const nav of d.navigations ?? []) routes.push(...referenceRoutes(set, nav));
  routes.push(...typeCastRoutes({ declaration: d, listed, find, spec, listSpec, served }));
  const all = [...routes, ...(d.extraRoutes?.(set) ?? [])];
  (set as { routes: readonly GraphRoute[] }).routes = all;
  return set;
}

function create(
  set: EntitySet,
  c: NonNullable<EntitySetDeclaration["create"]>,
  req: GraphRequest,
  parent: JsonObject | undefined,
  preset?: JsonObject,
): GraphResult {
  const body = preset ?? jsonBody(req);
  if (c.max !== undefined && set.records(req).size >= c.max.count) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The tenant already has the maximum of ${c.max.count} ${c.max.plural}; delete one before creating another.`,
    );
  }
  const record = c.build(req, body, parent);
  set.records(req).put(storeKey(set.declaration, record), record);
  set.audit(req, "Add", {}, record, c.audited?.(body) ?? bodyNames(body));
  c.after?.(req, record, body);
  const d = set.declaration;
  const spec = scopedSpec(d, set.spec(req), parent);
  // Graph's create examples answer with the created object: the default property set and every
  // property the request set (a B2C user's `identities` and `passwordPolicies`).
  const sent = Object.keys(body).filter(
    (k) => !k.includes("@") && record[k] !== undefined && !c.withheld?.includes(k),
  );
  const view = d.serve?.(req, record) ?? record;
  const served =
    c.served !== undefined
      ? c.served(req, record)
      : spec.defaultSelect === undefined
        ? serveRecord(view, spec, undefined)
        : serveRecord(
            view,
            { ...spec, defaultSelect: [...new Set([...spec.defaultSelect, ...sent])] },
            undefined,
          );
  return {
    status: 201,
    headers: {
      location:
        d.location?.(req, record) ??
        `${req.baseUrl}/${req.version}/${containedPath(d, parent, "/")}/${String(record.id)}`,
    },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${spec.entitySet}/$entity`,
      ...served,
    },
  };
}

function remove(
  set: EntitySet,
  r: NonNullable<EntitySetDeclaration["remove"]>,
  req: GraphRequest,
  record: JsonObject,
): GraphResult {
  r.before?.(req, record);
  set.records(req).delete(storeKey(set.declaration, record));
  r.after?.(req, record);
  set.audit(req, "Delete", record, record, []);
  return { status: 204 };
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
    set.records(req).put(storeKey(set.declaration, after), after);
    set.audit(req, "Update", before, after, Object.keys(body), u.activity?.(req, body));
  }
  u.after?.(req, before, after, body);
  return { status: 204 };
}

/** Where a record is stored: its id, or the declared `storeKey` (ids unique within a parent only). */
const storeKey = (d: EntitySetDeclaration, record: JsonObject): string =>
  d.storeKey?.(record) ?? String(record.id);

/** The `(appId='…')` alternate key of applications and service principals (client ids are lower case). */
export function appIdKey(
  collection: CollectionName,
): NonNullable<EntitySetDeclaration["alternateKeys"]>[number] {
  return {
    property: "appId",
    find: (req, appId) => {
      const key = appId.toLowerCase();
      for (const record of collectionOf(req.tenant, collection).values())
        if (record.appId === key) return record;
      return undefined;
    },
  };
}
