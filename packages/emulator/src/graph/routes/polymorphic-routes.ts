import type { JsonObject } from "../../store/json.ts";
import { odataTypeOf } from "../extensions/polymorphic.ts";
import { type CollectionSpec, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { audit, changes, jsonBody, notFound } from "./common.ts";

/**
 * What sets apart two tenant-wide polymorphic collections under `/identity` that Graph serves alike:
 * custom authentication extensions (api-surface 5.1) and authentication event listeners (5.2). Both
 * carry `@odata.type` on every record, cap the count per tenant, keep their type on PATCH (204) and
 * audit each change as `ApplicationManagement`.
 */
export interface PolymorphicCollection {
  /** The tenant collection holding the records. */
  readonly collection: string;
  /** The list and `$filter` description of the entity set (its `entitySet` names the path). */
  readonly spec: CollectionSpec;
  /** Permissions that may read, and those that may write. */
  readonly read: readonly string[];
  readonly write: readonly string[];
  /** The most records a tenant may hold, and their plural name in the error past it. */
  readonly max: number;
  readonly plural: string;
  /** The singular name in audit activities (`Add …`, `Update …`, `Delete …`). */
  readonly activity: string;
  /** The resource type named in audit targets. */
  readonly auditType: string;
  /** The error message when a PATCH names another `@odata.type` than the record's (`got` as sent). */
  readonly typeChange: (type: string, got: string) => string;
  /** What a read serves of a stored record (defaults to the record itself). */
  readonly served?: (req: GraphRequest, record: JsonObject) => JsonObject;
}

type Verb = "Add" | "Update" | "Delete";

const served = (c: PolymorphicCollection, req: GraphRequest, record: JsonObject): JsonObject =>
  c.served === undefined ? record : c.served(req, record);

/** The record's type name without the `#microsoft.graph.` prefix. */
export function recordType(record: JsonObject): string {
  return String(record["@odata.type"]).replace("#microsoft.graph.", "");
}

/** The names a body sets, for the audit's modified properties (annotations are not properties). */
export function bodyNames(body: JsonObject): string[] {
  return Object.keys(body).filter((k) => !k.includes("@odata."));
}

/** The stored record by id (case-insensitive), or Graph's 404. */
export function findRecord(req: GraphRequest, c: PolymorphicCollection, id: string): JsonObject {
  const record = req.tenant.collection(c.collection).get(id.toLowerCase());
  if (record === undefined) throw notFound(id);
  return record;
}

/** Records one change in the directory audit log. */
export function auditRecord(
  req: GraphRequest,
  c: PolymorphicCollection,
  verb: Verb,
  before: JsonObject,
  after: JsonObject,
  names: string[],
): void {
  audit(req, {
    activityDisplayName: `${verb} ${c.activity}`,
    category: "ApplicationManagement",
    operationType: verb,
    targets: [
      {
        id: String(after.id),
        displayName: (after.displayName ?? null) as string | null,
        type: c.auditType,
        modifiedProperties: changes(before, after, names),
      },
    ],
  });
}

/**
 * Stores a new record built by `build` (which validates the rest of `body`) once the tenant is below
 * its cap, audits it and answers 201 with its location.
 */
export function createRecord(
  req: GraphRequest,
  c: PolymorphicCollection,
  body: JsonObject,
  build: () => JsonObject,
): GraphResult {
  const collection = req.tenant.collection(c.collection);
  if (collection.size >= c.max) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The tenant already has the maximum of ${c.max} ${c.plural}; delete one before creating another.`,
    );
  }
  const record = build();
  collection.put(String(record.id), record);
  auditRecord(req, c, "Add", {}, record, bodyNames(body));
  return {
    status: 201,
    headers: { location: `${req.baseUrl}/${req.version}/${c.spec.entitySet}/${record.id}` },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${c.spec.entitySet}/$entity`,
      ...serveRecord(served(c, req, record), c.spec, undefined),
    },
  };
}

/**
 * PATCH (204): `@odata.type`, when sent, must be the record's own type; `write` applies the body to a
 * copy of the record.
 */
export function updateRecord(
  req: GraphRequest,
  c: PolymorphicCollection,
  id: string,
  write: (type: string, target: JsonObject, body: JsonObject) => JsonObject,
): GraphResult {
  const before = findRecord(req, c, id);
  const body = jsonBody(req);
  const type = recordType(before);
  if (body["@odata.type"] !== undefined && odataTypeOf(body["@odata.type"], [type]) === undefined) {
    throw new GraphError(400, "Request_BadRequest", c.typeChange(type, String(body["@odata.type"])));
  }
  const after = write(type, structuredClone(before), body);
  req.tenant.collection(c.collection).put(String(after.id), after);
  auditRecord(req, c, "Update", before, after, bodyNames(body));
  return { status: 204 };
}

function deleteRecord(req: GraphRequest, c: PolymorphicCollection, id: string): GraphResult {
  const record = findRecord(req, c, id);
  req.tenant.collection(c.collection).delete(String(record.id));
  auditRecord(req, c, "Delete", record, record, []);
  return { status: 204 };
}

/** The route parameter `name`, which the route's path guarantees. */
export const param = (params: Readonly<Record<string, string>>, name: string): string =>
  params[name] as string;

/**
 * The five routes of the collection and its entities: list, create (by `create`), get, PATCH (by
 * `update`) and DELETE. The collection's own actions are added by its module.
 */
export function polymorphicRoutes(
  c: PolymorphicCollection,
  handlers: {
    create: (req: GraphRequest) => GraphResult;
    update: (req: GraphRequest, id: string) => GraphResult;
  },
): GraphRoute[] {
  const base = `/${c.spec.entitySet}`;
  const { read, write } = c;
  return [
    {
      method: "GET",
      path: base,
      permissions: read,
      handle: (req) =>
        listCollection(
          req,
          c.spec,
          [...req.tenant.collection(c.collection).values()].map((r) => served(c, req, r)),
        ),
    },
    { method: "POST", path: base, permissions: write, handle: handlers.create },
    {
      method: "GET",
      path: `${base}/{id}`,
      permissions: read,
      handle: (req, x) => getEntity(req, c.spec, served(c, req, findRecord(req, c, param(x, "id")))),
    },
    {
      method: "PATCH",
      path: `${base}/{id}`,
      permissions: write,
      handle: (req, x) => handlers.update(req, param(x, "id")),
    },
    {
      method: "DELETE",
      path: `${base}/{id}`,
      permissions: write,
      handle: (req, x) => deleteRecord(req, c, param(x, "id")),
    },
  ];
}
