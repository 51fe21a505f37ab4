import { escapeControlCharacters } from "@ciamkit/core/display-text";
import type { OutputFormatter } from "../output-format.ts";
import { tabular } from "../tabular.ts";

/** `-o tsv`: see {@link renderTsv}; a streamed list is its pages' lines. */
export const tsvFormat: OutputFormatter = {
  render: (data) => renderTsv(tabular(data)),
  stream: (write) => ({
    page: (items) => write(renderTsv(items)),
    end: () => undefined,
  }),
};

/**
 * Tab-separated values without headers, one line per item, scalars only (nested objects are left
 * out, as in the Azure CLI), so `ciam user list -o tsv | cut -f1` works.
 */
function renderTsv(data: unknown): string {
  const rows = Array.isArray(data) ? data : [data];
  const lines: string[] = [];
  for (const row of rows) {
    if (row === undefined) continue;
    if (row !== null && typeof row === "object") {
      lines.push(
        (Array.isArray(row) ? row : Object.values(row))
          .filter((v) => v === null || typeof v !== "object")
          .map(tsvCell)
          .join("\t"),
      );
    } else {
      lines.push(tsvCell(row));
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** A value in one TSV field: tabs and line breaks become a space, other control characters escapes. */
function tsvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return escapeControlCharacters(String(value).replace(/[\t\r\n]/g, " "));
}
