import type { JsonObject } from "../../store/json.ts";
import { notFound } from "../graph-errors.ts";
import { type CollectionSpec, getEntity, listCollection } from "../odata/collection-query.ts";
import { isOf } from "../odata/filter-eval.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import type { CastDeclaration, EntitySetDeclaration } from "./entity-set-declaration.ts";

const castSpec = (spec: CollectionSpec, segment: string): CollectionSpec => ({
  ...spec,
  entitySet: `${spec.entitySet}/${segment}`,
});

/** What the cast routes of a set need from {@link defineEntitySet}. */
export interface CastSource {
  declaration: EntitySetDeclaration;
  listed: (req: GraphRequest) => Iterable<JsonObject>;
  find: (req: GraphRequest, key: string) => JsonObject;
  spec: (req: GraphRequest, record?: JsonObject) => CollectionSpec;
  listSpec: (req: GraphRequest) => CollectionSpec;
  served: (req: GraphRequest, record: JsonObject) => JsonObject;
}

/**
 * The type-cast segments of a polymorphic set (OData's derived-type cast): the list of the records of
 * one derived type, and one record read through the cast, both with the cast in `@odata.context`.
 */
export function typeCastRoutes(s: CastSource): GraphRoute[] {
  const d = s.declaration;
  const typeOf = (req: GraphRequest, record: JsonObject) =>
    d.typeOf?.(req, record) ?? record["@odata.type"] ?? d.type;
  const routes: GraphRoute[] = [];
  for (const declared of d.casts ?? []) {
    const c: CastDeclaration = typeof declared === "string" ? { type: declared } : declared;
    const cast = c.type;
    const segment = `microsoft.graph.${cast}`;
    const common = { permissions: d.read.permissions, directory: d.directory };
    routes.push({
      method: "GET",
      path: `/${d.name}/${segment}`,
      ...common,
      permissions: c.permissions ?? d.read.permissions,
      handle: (req) => {
        const plain = d.listRequest?.(req) ?? req;
        const spec = c.listSpec?.(plain) ?? castSpec(s.listSpec(plain), segment);
        const records = [...s.listed(req)]
          .filter((r) => isOf(typeOf(req, r), cast))
          .map((r) => s.served(req, r));
        return listCollection(plain, spec, records);
      },
    });
    if (c.get === false) continue;
    routes.push({
      method: "GET",
      path: `/${d.name}/{id}/${segment}`,
      ...common,
      handle: (req, p) => {
        const key = p.id ?? "";
        const record = s.find(req, key);
        if (!isOf(typeOf(req, record), cast)) throw (d.notFound ?? notFound)(key);
        d.authorize?.(req, record, "read");
        return getEntity(req, castSpec(s.spec(req, record), segment), s.served(req, record));
      },
    });
  }
  return routes;
}
