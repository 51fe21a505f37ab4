/**
 * The inline form of an export: one page of users with the chosen properties, returned instead of
 * written to a file, and a cursor for the next page. Nothing is kept on any disk, so a tool client can
 * export a tenant page by page and resume from its last cursor, on any server.
 */
import { decodeCursor, listPage } from "../http/paginate.ts";
import type { OperationContext } from "../operations/context.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { DEFAULT_EXPORT_SELECT } from "./export-users.ts";

/** The most users one inline page returns (a model's context, not Graph, sets it). */
export const INLINE_EXPORT_MAX_PAGE = 100;

/** Options of {@link exportPage}. */
export interface ExportPageOptions {
  filter?: string | undefined;
  select?: readonly string[] | undefined;
  /** Users in this page, at most {@link INLINE_EXPORT_MAX_PAGE} (default). */
  pageSize?: number | undefined;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

/** One page of an inline export. */
export interface ExportPage {
  exported: number;
  pages: number;
  resumed: boolean;
  items: Record<string, unknown>[];
  nextCursor?: string | undefined;
}

/** Reads one page of users, each with exactly the selected properties (`null` where Graph has none). */
export async function exportPage(ctx: OperationContext, options: ExportPageOptions): Promise<ExportPage> {
  const pageSize = options.pageSize ?? INLINE_EXPORT_MAX_PAGE;
  if (pageSize > INLINE_EXPORT_MAX_PAGE)
    throw new InvalidInputError("user_export", [
      `pageSize: at most ${INLINE_EXPORT_MAX_PAGE} when the users are returned (no file); larger pages: export to a file with the ciam CLI, or in ciam-mcp's --files-dir`,
    ]);
  // A cursor names the page it continues: only one of /users is followed (the client refuses other hosts).
  if (options.cursor !== undefined && !isUsersCursor(options.cursor))
    throw new InvalidInputError("user_export", [
      "cursor: not a nextCursor of user_export; start again without a cursor",
    ]);
  const select = options.select ?? DEFAULT_EXPORT_SELECT;
  const page = await listPage<Record<string, unknown>>(ctx.graph, "/users", {
    query: { $select: select.join(","), $top: pageSize, $filter: options.filter },
    limit: pageSize,
    cursor: options.cursor,
    signal: ctx.signal,
  });
  const items = page.items.map((user) => Object.fromEntries(select.map((k) => [k, user[k] ?? null])));
  return {
    exported: items.length,
    pages: 1,
    resumed: options.cursor !== undefined,
    items,
    ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
  };
}

function isUsersCursor(cursor: string): boolean {
  try {
    return /\/users$/.test(new URL(decodeCursor(cursor).u).pathname);
  } catch {
    return false;
  }
}
