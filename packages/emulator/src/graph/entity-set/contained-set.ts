import type { JsonObject } from "../../store/json.ts";
import { invalidValue, notFound } from "../graph-errors.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { GraphRequest } from "../route.ts";
import type { EntitySetDeclaration } from "./entity-set-declaration.ts";

/** Where a set's routes hang: the root (`/groups`) or each key path of the parent set (`/servicePrincipals/{id}`). */
export interface SetScope {
  /** The path before `/{name}`: empty at the root. */
  prefix: string;
  /** The key segment of one record: `{id}` at the root, `{key}` under a parent (whose key is `{id}`). */
  key: string;
  /** The parent record named by the path (Graph's 404 when there is none); undefined at the root. */
  parent: (req: GraphRequest, params: Readonly<Record<string, string>>) => JsonObject | undefined;
}

/**
 * The scopes of a set: the root, or, for a contained set (`parent`), the parent's id path and each of
 * its alternate key paths. A contained set declares no casts or navigations of its own.
 */
export function scopesOf(d: EntitySetDeclaration): SetScope[] {
  const p = d.parent;
  if (p === undefined) return [{ prefix: "", key: "id", parent: () => undefined }];
  if ((d.casts?.length ?? 0) + (d.navigations?.length ?? 0) > 0)
    throw new Error(`entity set ${d.name}: a contained set declares no casts or navigations`);
  const outer = p.set.declaration;
  return [
    { prefix: `/${outer.name}/{id}`, key: "key", parent: (req, params) => p.set.find(req, params.id ?? "") },
    ...(outer.alternateKeys ?? []).map(
      (k): SetScope => ({
        prefix: `/${outer.name}(${k.property}='{${k.property}}')`,
        key: "key",
        parent: (req, params) => {
          const value = params[k.property] ?? "";
          const record = k.find(req, value);
          if (record === undefined) throw notFound(value);
          return record;
        },
      }),
    ),
  ];
}

/**
 * The set's path under its parent: `servicePrincipals('{id}')/appRoleAssignedTo` in `@odata.context`,
 * `servicePrincipals/{id}/appRoleAssignedTo` in a URL (`key` "/").
 */
export function containedPath(
  d: EntitySetDeclaration,
  parent: JsonObject | undefined,
  key: "()" | "/" = "()",
): string {
  if (parent === undefined || d.parent === undefined) return d.name;
  const id = String(parent.id);
  return `${d.parent.set.declaration.name}${key === "/" ? `/${id}` : `('${id}')`}/${d.name}`;
}

/** The set's OData answer under one parent: the context names the parent. */
export function scopedSpec(
  d: EntitySetDeclaration,
  spec: CollectionSpec,
  parent: JsonObject | undefined,
): CollectionSpec {
  return parent === undefined ? spec : { ...spec, entitySet: containedPath(d, parent) };
}

type Params = Readonly<Record<string, string>>;

/** A path naming one record: by the key segment or an alternate key. */
export interface KeyPath {
  path: string;
  /** The record, or Graph's 404. */
  key: (p: Params, req: GraphRequest) => JsonObject;
  /** The record, if any. */
  lookup: (p: Params, req: GraphRequest) => JsonObject | undefined;
  /** For an upsert key: the properties the path sets on a record a PATCH creates. */
  upsert?: (p: Params) => JsonObject;
}

/**
 * The key paths of a set in one scope: `{base}/{id}` and each alternate key, `/{name}(appId='{appId}')`
 * at the root, `{base}(name='{key}')` under a parent (the key of a contained record is `{key}`).
 */
export function keyPathsOf(
  d: EntitySetDeclaration,
  scope: SetScope,
  base: string,
  find: (req: GraphRequest, key: string, parent?: JsonObject) => JsonObject,
): KeyPath[] {
  const byKey: KeyPath = {
    path: `${base}/{${scope.key}}`,
    key: (p, req) => find(req, p[scope.key] ?? "", scope.parent(req, p)),
    lookup: (p, req) => {
      try {
        return find(req, p[scope.key] ?? "", scope.parent(req, p));
      } catch {
        return undefined;
      }
    },
  };
  const contained = d.parent !== undefined;
  return [
    byKey,
    ...(d.alternateKeys ?? []).map((k): KeyPath => {
      const param = contained ? scope.key : k.property;
      const lookup = (p: Params, req: GraphRequest): JsonObject | undefined => {
        const parent = scope.parent(req, p);
        const record = k.find(req, p[param] ?? "", parent);
        return record === undefined || (parent !== undefined && d.parent?.owns(parent, record) !== true)
          ? undefined
          : record;
      };
      return {
        path: contained ? `${base}(${k.property}='{${param}}')` : `/${d.name}(${k.property}='{${param}}')`,
        lookup,
        key: (p, req) => {
          const record = lookup(p, req);
          if (record === undefined) throw (contained ? (d.notFound ?? notFound) : notFound)(p[param] ?? "");
          return record;
        },
        ...(k.upsert === true ? { upsert: (p: Params) => ({ [k.property]: p[param] ?? "" }) } : {}),
      };
    }),
  ];
}

/** `Prefer: create-if-missing`: a PATCH by an upsert key creates the record it does not find. */
export function prefersCreate(req: GraphRequest): boolean {
  return (req.headers.prefer ?? "").split(",").some((v) => v.trim().toLowerCase() === "create-if-missing");
}

/** The create body of an upsert: the key from the path; the body may repeat it but not contradict it. */
export function presetBody(d: EntitySetDeclaration, body: JsonObject, preset: JsonObject): JsonObject {
  for (const [name, value] of Object.entries(preset)) {
    if (body[name] !== undefined && body[name] !== value)
      throw invalidValue(name, d.type.charAt(0).toUpperCase() + d.type.slice(1));
  }
  return { ...body, ...preset };
}
