import type { JsonObject } from "../../store/json.ts";
import { notFound as notFoundRef, referenceExists } from "../graph-errors.ts";
import { type CollectionSpec, countCollection, listCollection } from "../odata/collection-query.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import { idFromReference, jsonBody } from "../routes/common.ts";
import type { EntitySet } from "./define-entity-set.ts";

/** The directory object types a reference navigation can be cast to (`…/members/microsoft.graph.user`). */
export type DirectoryObjectType = "user" | "group" | "servicePrincipal" | "application";

/**
 * A navigation property holding references to directory objects (`members`, `owners`, `memberOf`,
 * `transitiveMemberOf`). Each gives `GET …/{name}`, `GET …/{name}/$count`, a cast per type
 * (`…/{name}/microsoft.graph.{type}` and its `$count`) and, when `references` is set, `POST
 * …/{name}/$ref` and `DELETE …/{name}/{id}/$ref`.
 */
export interface ReferenceNavigation {
  name: string;
  /** The related objects of a record, each with its `@odata.type`, in the order they were added. */
  related: (req: GraphRequest, record: JsonObject) => JsonObject[];
  /** How the untyped collection answers (a `directoryObject` collection: `@odata.type` per item). */
  spec: (req: GraphRequest) => CollectionSpec;
  /** The casts the navigation serves, each answering as its entity set does (no `@odata.type`). */
  casts: Partial<Readonly<Record<DirectoryObjectType, (req: GraphRequest) => CollectionSpec>>>;
  read: readonly string[];
  cost?: number;
  references?: {
    write: readonly string[];
    /** Whether the reference exists already (adding it again is Graph's 400). */
    has: (req: GraphRequest, record: JsonObject, id: string) => boolean;
    /** Adds the reference (the target must exist: Graph's 404 otherwise) and audits it. */
    add: (req: GraphRequest, record: JsonObject, id: string) => void;
    /** Removes it and audits it; false when there was none (Graph's 404). */
    remove: (req: GraphRequest, record: JsonObject, id: string) => boolean;
  };
}

const castType = (type: DirectoryObjectType): string => `#microsoft.graph.${type}`;

/** The routes of one reference navigation of an entity set. */
export function referenceRoutes(set: EntitySet, nav: ReferenceNavigation): GraphRoute[] {
  const base = `/${set.declaration.name}/{id}/${nav.name}`;
  const common = {
    permissions: nav.read,
    directory: true,
    ...(nav.cost === undefined ? {} : { cost: nav.cost }),
  } as const;
  const related = (req: GraphRequest, p: Readonly<Record<string, string>>): JsonObject[] =>
    nav.related(req, set.find(req, p.id ?? ""));
  const routes: GraphRoute[] = [
    {
      method: "GET",
      path: base,
      ...common,
      handle: (req, p) => listCollection(req, nav.spec(req), related(req, p)),
    },
    {
      method: "GET",
      path: `${base}/$count`,
      ...common,
      handle: (req, p) => countCollection(req, nav.spec(req), related(req, p)),
    },
  ];
  for (const [type, spec] of Object.entries(nav.casts) as [
    DirectoryObjectType,
    (req: GraphRequest) => CollectionSpec,
  ][]) {
    // A cast keeps the objects of that type and serves them as that type's collection.
    const ofType = (req: GraphRequest, p: Readonly<Record<string, string>>): JsonObject[] =>
      related(req, p)
        .filter((r) => r["@odata.type"] === castType(type))
        .map(({ "@odata.type": _, ...rest }) => rest);
    routes.push(
      {
        method: "GET",
        path: `${base}/microsoft.graph.${type}`,
        ...common,
        handle: (req, p) => listCollection(req, spec(req), ofType(req, p)),
      },
      {
        method: "GET",
        path: `${base}/microsoft.graph.${type}/$count`,
        ...common,
        handle: (req, p) => countCollection(req, spec(req), ofType(req, p)),
      },
    );
  }
  const refs = nav.references;
  if (refs !== undefined) {
    routes.push(
      {
        method: "POST",
        path: `${base}/$ref`,
        permissions: refs.write,
        directory: true,
        handle: (req, p) => {
          const record = set.find(req, p.id ?? "");
          const id = idFromReference(jsonBody(req)["@odata.id"]);
          if (refs.has(req, record, id)) throw referenceExists(nav.name);
          refs.add(req, record, id);
          return { status: 204 };
        },
      },
      {
        method: "DELETE",
        path: `${base}/{refId}/$ref`,
        permissions: refs.write,
        directory: true,
        handle: (req, p) => {
          const record = set.find(req, p.id ?? "");
          const refId = p.refId ?? "";
          if (!refs.remove(req, record, refId.toLowerCase())) throw notFoundRef(refId);
          return { status: 204 };
        },
      },
    );
  }
  return routes;
}
