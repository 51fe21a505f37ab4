import type { JsonObject } from "../../store/json.ts";
import { notFound } from "../graph-errors.ts";
import { type CollectionSpec, getEntity, listCollection } from "../odata/collection-query.ts";
import { isOf } from "../odata/filter-eval.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import type { EntitySetDeclaration } from "./entity-set-declaration.ts";

/** What the cast routes of a set need from {@link defineEntitySet}. */
export interface CastSource {
  declaration: EntitySetDeclaration;
  listed: (req: GraphRequest) => Iterable<JsonObject>;
  find: (req: GraphRequest, key: string) => JsonObject;
  spec: (req: GraphRequest) => CollectionSpec;
  listSpec: (req: GraphRequest) => CollectionSpec;
  served: (req: GraphRequest, record: JsonObject) => JsonObject;
}

/**
 * The type-cast segments of a polymorphic set (OData's derived-type cast): the list of the records of
 * one derived type, and one record read through the cast, both with the cast in `@odata.context`.
 */
export function typeCastRoutes(s: CastSource): GraphRoute[] {
  const d = s.declaration;
  const typeOf = (record: JsonObject) => record["@odata.type"] ?? d.type;
  const routes: GraphRoute[] = [];
  for (const cast of d.casts ?? []) {
    const segment = `microsoft.graph.${cast}`;
    const common = { permissions: d.read.permissions, directory: d.directory };
    routes.push(
      {
        method: "GET",
        path: `/${d.name}/${segment}`,
        ...common,
        handle: (req) => {
          const plain = d.listRequest?.(req) ?? req;
          const spec = s.listSpec(plain);
          const records = [...s.listed(req)]
            .filter((r) => isOf(typeOf(r), cast))
            .map((r) => s.served(req, r));
          return listCollection(plain, { ...spec, entitySet: `${spec.entitySet}/${segment}` }, records);
        },
      },
      {
        method: "GET",
        path: `/${d.name}/{id}/${segment}`,
        ...common,
        handle: (req, p) => {
          const key = p.id ?? "";
          const record = s.find(req, key);
          if (!isOf(typeOf(record), cast)) throw (d.notFound ?? notFound)(key);
          const spec = s.spec(req);
          return getEntity(
            req,
            { ...spec, entitySet: `${spec.entitySet}/${segment}` },
            s.served(req, record),
          );
        },
      },
    );
  }
  return routes;
}
