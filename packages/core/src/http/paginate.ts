/**
 * Paging over Graph (`@odata.nextLink`, https://learn.microsoft.com/graph/paging) and ARM (`nextLink`)
 * collections: async iterators that hold one page at a time, and a resumable cursor.
 */
import { InputError } from "../input-error.ts";
import type { RequestOptions, ServiceClient } from "./service-client.ts";

/** One page of a collection. */
export interface Page<T> {
  items: T[];
  /** The URL this page was read from. */
  url: string;
  /** The service's link to the next page, followed verbatim; absent on the last page. */
  nextLink: string | undefined;
}

/** Options of the paging functions. Headers (e.g. `ConsistencyLevel`) are re-sent on every page, as Graph requires. */
export type PageOptions = Pick<RequestOptions, "query" | "headers" | "signal" | "requiredPermissions">;

interface CollectionBody {
  value?: unknown[];
  "@odata.nextLink"?: string;
  nextLink?: string;
}

/**
 * Yields the pages of a collection, starting at a path (with `query`) or at an absolute URL such as a
 * next link. A page may be empty while a next link is still present; iteration goes on until there is none.
 */
export async function* paginatePages<T>(
  client: ServiceClient,
  start: string,
  options: PageOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  let url: string | undefined = client.url(start, options.query);
  while (url !== undefined) {
    const body: CollectionBody | undefined = await client.get<CollectionBody | undefined>(url, {
      headers: options.headers,
      signal: options.signal,
      requiredPermissions: options.requiredPermissions,
    });
    const nextLink: string | undefined = body?.["@odata.nextLink"] ?? body?.nextLink ?? undefined;
    yield { items: (body?.value ?? []) as T[], url, nextLink };
    url = nextLink;
  }
}

/** Yields the items of a collection across pages, stopping after `limit` items if given. */
export async function* paginate<T>(
  client: ServiceClient,
  start: string,
  options: PageOptions & { limit?: number | undefined } = {},
): AsyncGenerator<T, void, undefined> {
  let count = 0;
  if (options.limit !== undefined && options.limit <= 0) return;
  for await (const page of paginatePages<T>(client, start, options)) {
    for (const item of page.items) {
      yield item;
      count++;
      if (options.limit !== undefined && count >= options.limit) return;
    }
  }
}

interface CursorState {
  /** The page URL to read. */
  u: string;
  /** Items of that page already returned. */
  s: number;
}

/** Encodes a position in a collection as an opaque string. */
export function encodeCursor(url: string, skip: number): string {
  return Buffer.from(JSON.stringify({ u: url, s: skip } satisfies CursorState)).toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor}; throws a clear error for anything else. */
export function decodeCursor(cursor: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorState>;
    if (
      typeof state.u === "string" &&
      typeof state.s === "number" &&
      Number.isInteger(state.s) &&
      state.s >= 0
    ) {
      return { u: state.u, s: state.s };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    "The cursor is not one returned by a previous list call; start again without a cursor.",
  );
}

/** The result of {@link listPage}. */
export interface ListResult<T> {
  items: T[];
  /** Pass back as `cursor` to continue exactly after the last item returned; absent at the end. */
  nextCursor?: string | undefined;
}

/**
 * Reads up to `limit` items starting at a path or at a `cursor` from a previous call, and returns a
 * cursor to continue exactly where it stopped (even in the middle of a service page).
 */
export async function listPage<T>(
  client: ServiceClient,
  path: string,
  options: PageOptions & { limit: number; cursor?: string | undefined },
): Promise<ListResult<T>> {
  const state = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const start = state === undefined ? path : state.u;
  const pageOptions: PageOptions = state === undefined ? options : { ...options, query: undefined };
  let skip = state?.s ?? 0;
  const items: T[] = [];
  for await (const page of paginatePages<T>(client, start, pageOptions)) {
    const available = page.items.slice(skip);
    const room = options.limit - items.length;
    if (available.length > room) {
      items.push(...available.slice(0, room));
      return { items, nextCursor: encodeCursor(page.url, skip + room) };
    }
    items.push(...available);
    skip = 0;
    if (items.length >= options.limit) {
      return { items, nextCursor: page.nextLink === undefined ? undefined : encodeCursor(page.nextLink, 0) };
    }
  }
  return { items };
}
