import type { JsonObject } from "../../store/json.ts";
import { notFound } from "../graph-errors.ts";
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
 * its alternate key paths. A contained set declares no casts, navigations or alternate keys of its own.
 */
export function scopesOf(d: EntitySetDeclaration): SetScope[] {
  const p = d.parent;
  if (p === undefined) return [{ prefix: "", key: "id", parent: () => undefined }];
  if ((d.casts?.length ?? 0) + (d.navigations?.length ?? 0) + (d.alternateKeys?.length ?? 0) > 0)
    throw new Error(`entity set ${d.name}: a contained set declares no casts, navigations or alternate keys`);
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
