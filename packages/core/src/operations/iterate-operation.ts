import type { OperationContext } from "./context.ts";
import type { ListInput, ListItem, Operation } from "./define-operation.ts";
import { runOperation } from "./run-operation.ts";

/**
 * Runs a list operation page after page, following `nextCursor`, and yields the items one by one;
 * only one page is held at a time. `limit` is the page size; a `cursor` starts from there. Each page
 * is validated and run as {@link runOperation} does; `ctx.signal` aborts the page being read and stops
 * before the next one.
 */
export async function* iterateOperation<Op extends Operation>(
  operation: Op,
  ctx: OperationContext,
  input: ListInput<Op>,
): AsyncGenerator<ListItem<Op>, void, undefined> {
  if (operation.list !== true) {
    throw new TypeError(
      `${operation.name} returns no pages: iterate takes a list operation (one with list: true, such as user_list); use run for the others.`,
    );
  }
  let pageInput: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (;;) {
    ctx.signal?.throwIfAborted();
    const page = (await runOperation(operation, ctx, pageInput)) as {
      items: ListItem<Op>[];
      nextCursor?: string | undefined;
    };
    yield* page.items;
    if (page.nextCursor === undefined) return;
    pageInput = { ...pageInput, cursor: page.nextCursor };
  }
}
