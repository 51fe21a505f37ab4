import { escapeControlCharacters } from "@ciamkit/core/display-text";
import { search } from "@jmespath-community/jmespath";
import { stringify as toYaml } from "yaml";
import type { OutputFormat } from "./formats.ts";
import { renderTable } from "./table.ts";

export interface RenderOptions {
  format: OutputFormat;
  /** JMESPath expression applied before formatting (`--query`), as the Azure CLI does. */
  query?: string | undefined;
  /** Terminal width for tables; wide cells are cut with an ellipsis. */
  width?: number | undefined;
}

/** Thrown for a `--query` that is not valid JMESPath: a usage error, reported before any request. */
export class QueryError extends Error {
  override name = "QueryError";
  /** Core's error kind (`@ciamkit/core/error-kinds`): exit code 2. */
  readonly kind = "usage";
}

/** Checks a JMESPath expression up front, so a typo fails before any request is sent. */
export function validateQuery(query: string): void {
  try {
    search({}, query);
  } catch (error) {
    throw new QueryError(`--query is not valid JMESPath: ${(error as Error).message}`);
  }
}

/** Renders a command's result as text for stdout; empty string for `none` or nothing to show. */
export function render(value: unknown, options: RenderOptions): string {
  let data = value;
  if (options.query !== undefined) {
    try {
      data = search(value as Parameters<typeof search>[0], options.query);
    } catch (error) {
      throw new QueryError(`--query is not valid JMESPath: ${(error as Error).message}`);
    }
  }
  switch (options.format) {
    case "none":
      return "";
    case "json":
      return data === undefined ? "" : `${JSON.stringify(data, null, 2)}\n`;
    case "yaml":
      return data === undefined ? "" : toYaml(data);
    case "tsv":
      return renderTsv(tabular(data));
    case "table":
      // A result that carries its own human summary (an import report) reads better as that summary.
      return options.query === undefined && hasSummary(data)
        ? `${data.summary.trimEnd()}\n`
        : renderTable(tabular(data), options.width);
  }
}

function hasSummary(data: unknown): data is { summary: string } {
  return (
    data !== null && typeof data === "object" && typeof (data as { summary?: unknown }).summary === "string"
  );
}

/**
 * What a table or TSV shows: a result that only wraps one list or object (`{items: [...]}` of
 * `identity-provider list`, `{results: [...]}` of `group member-add`, `{flow: {...}}` of
 * `user-flow find-by-app`) has no scalar column, so it would print nothing at all; what it wraps is
 * shown instead (or, beside other objects, its one list). JSON and YAML keep the result whole.
 */
function tabular(data: unknown): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const present = Object.values(data).filter((v) => v !== undefined && v !== null);
  if (present.some((v) => typeof v !== "object")) return data;
  if (present.length === 1) return present[0];
  const lists = present.filter((v) => Array.isArray(v));
  return lists.length === 1 ? lists[0] : data;
}

/**
 * Tab-separated values without headers, one line per item, scalars only (nested objects are left
 * out, as in the Azure CLI), so `ciam user list -o tsv | cut -f1` works.
 */
function renderTsv(data: unknown): string {
  const rows = Array.isArray(data) ? data : [data];
  const lines: string[] = [];
  for (const row of rows) {
    if (row === undefined) continue;
    if (row !== null && typeof row === "object" && !Array.isArray(row)) {
      lines.push(
        Object.values(row)
          .filter((v) => v === null || typeof v !== "object")
          .map(tsvCell)
          .join("\t"),
      );
    } else if (Array.isArray(row)) {
      lines.push(
        row
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
