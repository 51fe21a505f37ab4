import { stringify as toYaml } from "yaml";
import type { OutputFormat } from "./formats.ts";
import { render } from "./render.ts";
import { renderTableRows, type TableLayout, tableFooter, tableLayout } from "./table.ts";

/** Writes a list page by page, so the first items show before the last page is read. */
export interface ListWriter {
  page(items: readonly unknown[]): void;
  /** Ends the list (closes a JSON array); called on success and after a failure part-way. */
  end(): void;
}

/**
 * A writer for `format`. The printed whole is what {@link render} prints for all items at once
 * (one JSON array, one YAML sequence, one table whose layout the first page fixes). With `--query`
 * the items are collected and queried as one array, as the Azure CLI does.
 */
export function createListWriter(
  format: OutputFormat,
  write: (text: string) => void,
  options: { query?: string | undefined; width?: number | undefined } = {},
): ListWriter {
  if (options.query !== undefined) {
    const all: unknown[] = [];
    return {
      page: (items) => void all.push(...items),
      end: () => write(render(all, { format, query: options.query, width: options.width })),
    };
  }
  let count = 0;
  let layout: TableLayout | undefined;
  return {
    page(items) {
      if (items.length === 0) return;
      switch (format) {
        case "json":
          write(
            `${count === 0 ? "[\n" : ",\n"}${items.map((i) => indent(JSON.stringify(i, null, 2))).join(",\n")}`,
          );
          break;
        case "yaml":
          write(toYaml(items));
          break;
        case "tsv":
          write(render(items, { format }));
          break;
        case "table":
          layout ??= tableLayout(items, options.width);
          if (layout !== undefined) write(renderTableRows(items, layout, count === 0));
          break;
        case "none":
          break;
      }
      count += items.length;
    },
    end() {
      if (format === "json") write(count === 0 ? "[]\n" : "\n]\n");
      else if (format === "yaml" && count === 0) write("[]\n");
      else if (format === "table" && layout !== undefined) write(tableFooter(layout));
    },
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
