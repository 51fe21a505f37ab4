import type { OperationContext } from "./context.ts";
import type { ListInput, ListItem, Operation } from "./define-operation.ts";
import { runOperation } from "./run-operation.ts";

/** Options of {@link iterateOperation} (and `client.iterate`) beyond the run's. */
export interface IterateOptions {
  /**
   * Items asked for per request (the operation's `limit` range); default: `limit` when given, else
   * the operation's default page size. Only the number of requests changes, never the items yielded.
   */
  pageSize?: number | undefined;
}

/**
 * Runs a list operation page after page, following `nextCursor`, and yields the items one by one;
 * only one page is held at a time. `limit` means what it means for every list: the most items
 * returned, here in all, across pages; without it every item is yielded. `pageSize` sets the items
 * asked for per request; a `cursor` starts from there. Each page is validated and run as
 * {@link runOperation} does; `ctx.signal` aborts the page being read and stops before the next one.
 */
export async function* iterateOperation<Op extends Operation>(
  operation: Op,
  ctx: OperationContext,
  input: ListInput<Op>,
  options: IterateOptions = {},
): AsyncGenerator<ListItem<Op>, void, undefined> {
  if (operation.list !== true) {
    throw new TypeError(
      `${operation.name} returns no pages: iterate takes a list operation (one with list: true, such as user_list); use run for the others.`,
    );
  }
  const given = input as Record<string, unknown>;
  const total = typeof given.limit === "number" ? given.limit : undefined;
  const pageSize = options.pageSize ?? total;
  let remaining = total;
  let pageInput: Record<string, unknown> = { ...given };
  for (;;) {
    ctx.signal?.throwIfAborted();
    if (pageSize !== undefined) {
      pageInput = { ...pageInput, limit: remaining === undefined ? pageSize : Math.min(remaining, pageSize) };
    }
    const page = (await runOperation(operation, ctx, pageInput)) as {
      items: ListItem<Op>[];
      nextCursor?: string | undefined;
    };
    const items = remaining === undefined ? page.items : page.items.slice(0, remaining);
    yield* items;
    if (remaining !== undefined) remaining -= items.length;
    if (page.nextCursor === undefined || remaining === 0) return;
    pageInput = { ...pageInput, cursor: page.nextCursor };
  }
}
