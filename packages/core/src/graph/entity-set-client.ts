/** The calls every `/identity/*` entity set answers alike: a page, one entity, POST, PATCH, DELETE. */
import type { ListResult } from "../http/paginate.ts";
import { listPage } from "../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../http/service-client.ts";
import { segment } from "./common.ts";

type Common = Pick<RequestOptions, "signal">;

/** A Graph body as a client sends it (with `@odata.type` for polymorphic sets). */
type Body = Record<string, unknown>;

/** The calls of one entity set, each converting Graph's record into the client's type `T`. */
export interface EntitySetClient<T> {
  /** A page of entities (`limit` items from `cursor`), optionally filtered. */
  page(
    graph: ServiceClient,
    options: Common & { limit: number; cursor?: string | undefined; filter?: string | undefined },
  ): Promise<ListResult<T>>;
  /** One entity by id. */
  get(graph: ServiceClient, id: string, options?: Common): Promise<T>;
  /** Creates an entity (201 with the record). */
  create(graph: ServiceClient, body: Body, options?: Common): Promise<T>;
  /** PATCHes an entity (204). */
  update(graph: ServiceClient, id: string, body: Body, options?: Common): Promise<void>;
  /** Deletes an entity (204). */
  remove(graph: ServiceClient, id: string, options?: Common): Promise<void>;
}

/** The client of the entity set at `path`, whose records `convert` turns into `T`. */
export function entitySetClient<Raw, T>(path: string, convert: (raw: Raw) => T): EntitySetClient<T> {
  const entity = (id: string) => `${path}/${segment(id)}`;
  return {
    async page(graph, options) {
      const page = await listPage<Raw>(graph, path, {
        query: { $filter: options.filter },
        limit: options.limit,
        cursor: options.cursor,
        signal: options.signal,
      });
      return { ...page, items: page.items.map(convert) };
    },
    get: async (graph, id, options = {}) => convert(await graph.get<Raw>(entity(id), options)),
    create: async (graph, body, options = {}) => convert(await graph.post<Raw>(path, body, options)),
    async update(graph, id, body, options = {}) {
      await graph.patch(entity(id), body, options);
    },
    remove: (graph, id, options = {}) => graph.delete(entity(id), options),
  };
}
