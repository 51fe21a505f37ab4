/** The calls every `/identity/*` entity set answers alike: a page, all, one entity, POST, PATCH, DELETE. */
import type { ListResult } from "../http/paginate.ts";
import { listPage, paginate } from "../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../http/service-client.ts";
import { segment } from "./common.ts";
import type { GraphBody } from "./mapping.ts";

type Common = Pick<RequestOptions, "signal">;
type Filtered = Common & { filter?: string | undefined };

/** The calls of one entity set, each converting Graph's record into the client's type `T`. */
export interface EntitySetClient<T> {
  /** A page of entities (`limit` items from `cursor`), optionally filtered. */
  page(
    graph: ServiceClient,
    options: Filtered & { limit: number; cursor?: string | undefined },
  ): Promise<ListResult<T>>;
  /** Every entity, optionally filtered, read across pages (for sets a tenant has few of). */
  all(graph: ServiceClient, options?: Filtered): Promise<T[]>;
  /** The first entity `predicate` accepts, reading pages only until it is found. */
  find(graph: ServiceClient, predicate: (entity: T) => boolean, options?: Common): Promise<T | undefined>;
  /**
   * One entity by id. A read that follows ciamkit's own write (`readAfterWrite`) retries a brief 404
   * while the write replicates; a plain lookup answers not-found at once.
   */
  get(
    graph: ServiceClient,
    id: string,
    options?: Common & { readAfterWrite?: boolean | undefined },
  ): Promise<T>;
  /** Creates an entity (201 with the record). */
  create(graph: ServiceClient, body: GraphBody, options?: Common): Promise<T>;
  /** PATCHes an entity (204). */
  update(graph: ServiceClient, id: string, body: GraphBody, options?: Common): Promise<void>;
  /** Deletes an entity (204). */
  remove(graph: ServiceClient, id: string, options?: Common): Promise<void>;
}

/** The client of the entity set at `path`, whose records `convert` (the kind's mapping) turns into `T`. */
export function entitySetClient<Raw, T>(path: string, convert: (raw: Raw) => T): EntitySetClient<T> {
  const entity = (id: string) => `${path}/${segment(id)}`;
  const each = (graph: ServiceClient, options: Filtered) =>
    paginate<Raw>(graph, path, { query: { $filter: options.filter }, signal: options.signal });
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
    async all(graph, options = {}) {
      const out: T[] = [];
      for await (const raw of each(graph, options)) out.push(convert(raw));
      return out;
    },
    async find(graph, predicate, options = {}) {
      for await (const raw of each(graph, options)) {
        const found = convert(raw);
        if (predicate(found)) return found;
      }
      return undefined;
    },
    get: async (graph, id, options = {}) => convert(await graph.get<Raw>(entity(id), options)),
    create: async (graph, body, options = {}) => convert(await graph.post<Raw>(path, body, options)),
    async update(graph, id, body, options = {}) {
      await graph.patch(entity(id), body, options);
    },
    remove: (graph, id, options = {}) => graph.delete(entity(id), options),
  };
}
