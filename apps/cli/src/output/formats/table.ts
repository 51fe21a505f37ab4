import type { OutputFormatter } from "../output-format.ts";
import { renderTable, renderTableRows, type TableLayout, tableFooter, tableLayout } from "../table.ts";
import { tabular } from "../tabular.ts";

/**
 * `-o table` (the default on a terminal): columns of the scalar properties (`table.ts`). A result
 * that carries its own human summary (an import report) reads better as that summary. A streamed
 * list keeps the layout of its first page.
 */
export const tableFormat: OutputFormatter = {
  render: (data, options) =>
    options.query === undefined && hasSummary(data)
      ? `${data.summary.trimEnd()}\n`
      : renderTable(tabular(data), options.width),
  stream: (write, options) => {
    let layout: TableLayout | undefined;
    return {
      page(items, first) {
        layout ??= tableLayout(items, options.width);
        if (layout !== undefined) write(renderTableRows(items, layout, first));
      },
      end() {
        if (layout !== undefined) write(tableFooter(layout));
      },
    };
  },
};

function hasSummary(data: unknown): data is { summary: string } {
  return (
    data !== null && typeof data === "object" && typeof (data as { summary?: unknown }).summary === "string"
  );
}
