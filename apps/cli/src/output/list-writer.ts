import type { OutputFormat } from "./formats.ts";
import { outputFormats } from "./registry.ts";
import { render } from "./render.ts";
import type { TableView } from "./table-views.ts";

/** Writes a list page by page, so the first items show before the last page is read. */
export interface ListWriter {
  page(items: readonly unknown[]): void;
  /** Ends the list (closes a JSON array); called on success and after a failure part-way. */
  end(): void;
}

/**
 * A writer for `format`. The printed whole is what {@link render} prints for all items at once
 * (each format's `stream`). With `--query` the items are collected and queried as one array, as the
 * Azure CLI does. A table of an operation with a default row (`view`) shows those rows.
 */
export function createListWriter(
  format: OutputFormat,
  write: (text: string) => void,
  options: { query?: string | undefined; width?: number | undefined; view?: TableView | undefined } = {},
): ListWriter {
  if (options.query !== undefined) {
    const all: unknown[] = [];
    return {
      page: (items) => void all.push(...items),
      end: () => write(render(all, { format, query: options.query, width: options.width })),
    };
  }
  const stream = outputFormats[format].stream(write, { width: options.width });
  // A table shows an operation's own row where it has one (see table-views.ts); other formats the record.
  const view = format === "table" ? options.view : undefined;
  let count = 0;
  return {
    page(items) {
      if (items.length === 0) return;
      stream.page(view === undefined ? items : items.map(view), count === 0);
      count += items.length;
    },
    end: () => stream.end(count),
  };
}
