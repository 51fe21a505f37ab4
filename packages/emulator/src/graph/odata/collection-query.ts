import type { Json, JsonObject } from "../../store/json.ts";
import { GraphError, type GraphRequest, type GraphResult } from "../route.ts";
import { type ExpandItem, parseExpand, parseOrderby, sortBy } from "./expand-orderby.ts";
import type { FilterExpr } from "./filter-ast.ts";
import { matches } from "./filter-eval.ts";
import { parseFilter } from "./filter-parser.ts";
import { advancedQueryError, checkFilter, type FilterSupport } from "./filter-support.ts";
import {
  CURSOR_IDS,
  decodeSkipToken,
  encodeSkipToken,
  parseTop,
  queryFingerprint,
  resumeIndex,
} from "./paging.ts";
import { parseSearch } from "./search.ts";
import { parseSelect, project } from "./select.ts";

/** How one Graph collection answers OData queries (from its Graph resource page). */
export interface CollectionSpec {
  /** Context path after `$metadata#`: `users`, `auditLogs/directoryAudits`. */
  entitySet: string;
  /** CSDL type (short name). */
  type: string;
  filter: FilterSupport;
  /** Sortable properties: `basic` always, `advanced` only in an advanced query. None: `$orderby` refused. */
  orderby?: Readonly<Record<string, "basic" | "advanced">>;
  page: { default: number; max: number };
  /** Directory objects: `$count`, `$search` and advanced operators need `ConsistencyLevel: eventual`. */
  directory: boolean;
  /** Properties `$search` may address (`"displayName:ana"`); none: `$search` refused. */
  search?: readonly string[];
  /** Served when `$select` is absent (users have a narrow default set). */
  defaultSelect?: readonly string[];
  /** Order when `$orderby` is absent; insertion order otherwise. */
  defaultOrder?: { property: string; descending: boolean };
  /** `$expand`-able navigation properties: the related records (already served shape), at most 100. */
  expand?: Readonly<Record<string, (record: JsonObject) => JsonObject[]>>;
  /**
   * Records that can match a filter, found through an index (a sign-in name, a UPN, an id), or
   * undefined to scan them all; the filter still runs on them.
   */
  candidates?: (expr: FilterExpr, req: GraphRequest) => JsonObject[] | undefined;
  /**
   * Properties Graph serves (its reference examples show them) that the v1.0 CSDL does not declare,
   * such as a group's `creationOptions`: computed from the record, selectable, and in the default set
   * unless `defaultSelect` leaves them out.
   */
  documented?: Readonly<Record<string, (record: JsonObject) => Json>>;
  /** How many objects a record's navigation holds, for `$filter` on `{navigation}/$count` (`filter.counts`). */
  navigationCount?: (req: GraphRequest, navigation: string, record: JsonObject) => number;
  /** Last step of serving a record (hide `keyCredentials.key`, add `@odata.type`). */
  finish?: (served: JsonObject, select: readonly string[] | undefined, record: JsonObject) => JsonObject;
}

const KNOWN_OPTIONS = new Set([
  "$select",
  "$filter",
  "$top",
  "$skiptoken",
  "$count",
  "$search",
  "$orderby",
  "$expand",
  "$skip",
]);
const EXPAND_LIMIT = 100;

/** The query options of a request with `$`-names lower-cased (OData system options are case-insensitive). */
function options(req: GraphRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of req.query.entries()) {
    const key = k.startsWith("$") ? k.toLowerCase() : k;
    if (key.startsWith("$") && !KNOWN_OPTIONS.has(key)) {
      throw new GraphError(400, "Request_BadRequest", `Query option '${k}' is not supported.`);
    }
    out.set(key, v);
  }
  return out;
}

const eventual = (req: GraphRequest): boolean => req.headers.consistencylevel?.toLowerCase() === "eventual";

/** Filters and searches records as the query asks; returns the matches and whether the query was advanced. */
function select(
  req: GraphRequest,
  spec: CollectionSpec,
  opts: Map<string, string>,
  records: Iterable<JsonObject>,
  advancedAllowed: boolean,
): { items: JsonObject[]; advanced: boolean } {
  let items = [...records];
  let advanced = false;
  const filter = opts.get("$filter");
  if (filter !== undefined) {
    const expr = parseFilter(filter);
    advanced = checkFilter(expr, spec.filter, advancedAllowed) || advanced;
    const effective = spec.filter.rewrite?.(expr) ?? expr;
    items = (spec.candidates?.(expr, req) ?? items).filter((r) =>
      matches(effective, r, (nav, rec) => spec.navigationCount?.(req, nav, rec) ?? 0),
    );
  }
  const search = opts.get("$search");
  if (search !== undefined) {
    if (spec.search === undefined)
      throw new GraphError(400, "Request_UnsupportedQuery", "$search is not supported on this resource.");
    if (!eventual(req)) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
    const test = parseSearch(search, spec.search);
    items = items.filter(test);
    advanced = true;
  }
  return { items, advanced };
}

/**
 * Answers `GET` on a collection: `$filter`, `$search`, `$orderby`, `$count`, `$select`, `$expand`,
 * `$top` and `$skiptoken` paging with `@odata.nextLink`, refusing what Graph refuses for it.
 */
export function listCollection(
  req: GraphRequest,
  spec: CollectionSpec,
  records: Iterable<JsonObject>,
): GraphResult {
  const opts = options(req);
  if (opts.has("$skip")) {
    throw new GraphError(400, "Request_BadRequest", "'$skip' is not supported by the service.");
  }
  const countValue = opts.get("$count")?.toLowerCase();
  if (countValue !== undefined && countValue !== "true" && countValue !== "false") {
    throw new GraphError(400, "Request_BadRequest", `Invalid value '${countValue}' for $count.`);
  }
  const count = countValue === "true";
  if (count && !spec.directory)
    throw new GraphError(400, "Request_UnsupportedQuery", "$count is not supported on this resource.");
  if (count && !eventual(req)) throw advancedQueryError("$count");
  // Advanced queries need both the header and $count=true (aka.ms/graph-docs/advanced-queries).
  const advancedAllowed = spec.directory && eventual(req) && count;
  const selectNames = selectOf(opts, spec);
  const expand = parseExpand(opts.get("$expand") ?? null, spec);
  const top = parseTop(opts.get("$top") ?? null, spec.page.max);
  let { items } = select(req, spec, opts, records, advancedAllowed);

  const orderby = opts.get("$orderby");
  if (orderby !== undefined) {
    const keys = parseOrderby(orderby, spec, advancedAllowed || !spec.directory);
    if (spec.directory && opts.has("$filter") && !advancedAllowed)
      throw advancedQueryError("Sorting with $filter");
    items = sortBy(items, keys);
  } else if (spec.defaultOrder !== undefined) {
    items = sortBy(items, [spec.defaultOrder]);
  }

  const fingerprint = queryFingerprint(req.query, req.path);
  const token = opts.get("$skiptoken");
  let start = 0;
  if (token !== undefined) {
    const cursor = decodeSkipToken(token, fingerprint);
    start = resumeIndex(items, cursor);
  }
  const size = top ?? spec.page.default;
  const page = items.slice(start, start + size);
  const body: JsonObject = {
    "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${spec.entitySet}${contextSelect(selectNames, expand)}`,
  };
  if (count && token === undefined) body["@odata.count"] = items.length;
  if (start + size < items.length) {
    const after = page.slice(-CURSOR_IDS).map((r) => String(r.id));
    const params = [...req.query.entries()].filter(([k]) => k.toLowerCase() !== "$skiptoken");
    params.push(["$skiptoken", encodeSkipToken(fingerprint, { after, served: start + size })]);
    body["@odata.nextLink"] =
      `${req.baseUrl}/${req.version}${req.path}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
  }
  body.value = page.map((r) => serveRecord(r, spec, selectNames, expand));
  return { status: 200, body };
}

/** Answers `GET /{collection}/$count`: text/plain, only with `ConsistencyLevel: eventual`. */
export function countCollection(
  req: GraphRequest,
  spec: CollectionSpec,
  records: Iterable<JsonObject>,
): GraphResult {
  const opts = options(req);
  if (!eventual(req)) throw advancedQueryError("Raw count (/$count)");
  const { items } = select(req, spec, opts, records, true);
  return { status: 200, headers: { "content-type": "text/plain" }, body: String(items.length) };
}

/** Answers `GET` on one entity with `$select` (and `$expand`), with its `@odata.context`. */
export function getEntity(req: GraphRequest, spec: CollectionSpec, record: JsonObject): GraphResult {
  const opts = options(req);
  const selectNames = selectOf(opts, spec);
  const expand = parseExpand(opts.get("$expand") ?? null, spec);
  const body: JsonObject = {
    "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${spec.entitySet}${contextSelect(selectNames, expand)}/$entity`,
    ...serveRecord(record, spec, selectNames, expand),
  };
  return { status: 200, body };
}

/** The select list of `@odata.context`: the selected properties, then each expanded one as `name()` (group-list example 7). */
function contextSelect(selectNames: readonly string[] | undefined, expand: readonly ExpandItem[]): string {
  if (selectNames === undefined) return "";
  return `(${[...selectNames, ...expand.map((e) => `${e.name}()`)].join(",")})`;
}

function selectOf(opts: Map<string, string>, spec: CollectionSpec): string[] | undefined {
  return parseSelect(
    opts.get("$select") ?? null,
    spec.type,
    spec.filter.extensions === true,
    Object.keys(spec.documented ?? {}),
  );
}

/** Serves one record as a collection item or a created entity (`$select` ignored). */
export function serveRecord(
  record: JsonObject,
  spec: CollectionSpec,
  selectNames: readonly string[] | undefined,
  expand: readonly ExpandItem[] = [],
): JsonObject {
  let out = project(record, selectNames, spec.defaultSelect);
  for (const [name, value] of Object.entries(spec.documented ?? {})) {
    const wanted = (selectNames ?? spec.defaultSelect)?.includes(name) ?? true;
    if (wanted) out[name] = record[name] ?? value(record);
  }
  if (spec.finish !== undefined) out = spec.finish(out, selectNames, record);
  for (const e of expand) {
    out[e.name] = e
      .related(record)
      .slice(0, EXPAND_LIMIT)
      .map((r) => (e.select === undefined ? r : pick(r, e.select)));
  }
  return out;
}

function pick(r: JsonObject, names: readonly string[]): JsonObject {
  const out: JsonObject = {};
  if (r["@odata.type"] !== undefined) out["@odata.type"] = r["@odata.type"] as Json;
  for (const n of names) if (r[n] !== undefined) out[n] = r[n] as Json;
  return out;
}
