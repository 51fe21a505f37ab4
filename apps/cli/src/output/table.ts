import { escapeControlCharacters } from "@ciamkit/core/display-text";

/**
 * A plain column table like the Azure CLI's `-o table`: a header row, a rule, one row per item;
 * columns are the scalar properties with a value in some row (nested objects and arrays are left
 * out: use `--query` to pick them, or another format). On a narrow terminal, id columns stay whole
 * (they are what a user copies), trailing columns are left out and long text is cut with "…"; a
 * footer names the columns left out.
 */
export function renderTable(data: unknown, width?: number): string {
  const rows = tableRows(data);
  const layout = tableLayout(rows, width);
  return layout === undefined ? "" : renderTableRows(rows, layout, true) + tableFooter(layout);
}

/** Columns and their widths, fixed by the first page of a streamed list so later pages line up. */
export interface TableLayout {
  columns: string[];
  widths: number[];
  /** Columns with values that did not fit the terminal, in their original order. */
  hidden: string[];
}

/** The line after a table that names the columns left out, or "" when all are shown. */
export function tableFooter(layout: TableLayout): string {
  const count = layout.hidden.length;
  if (count === 0) return "";
  const names = layout.hidden.map(headerName).join(", ");
  return `… ${count} more column${count === 1 ? "" : "s"} (${names}): use -o json or --query\n`;
}

function tableRows(data: unknown): Record<string, unknown>[] {
  const rows = (Array.isArray(data) ? data : [data]).filter((r) => r !== undefined);
  return rows.map((r) =>
    r !== null && typeof r === "object" && !Array.isArray(r) ? (r as Record<string, unknown>) : { Result: r },
  );
}

/** The layout of a table of these rows: their scalar columns, sized to fit `width`. */
export function tableLayout(data: unknown, width?: number): TableLayout | undefined {
  const objects = tableRows(data);
  if (objects.length === 0) return undefined;
  const columns: string[] = [];
  for (const row of objects) {
    for (const [key, value] of Object.entries(row)) {
      if ((value === null || typeof value !== "object") && !columns.includes(key)) columns.push(key);
    }
  }
  // Columns empty in every row (Graph returns many null properties) only take width from the others.
  const filled = columns.filter((c) => objects.some((row) => cell(row[c]) !== ""));
  columns.splice(0, columns.length, ...filled);
  if (columns.length === 0) return undefined;
  const cells = objects.map((row) => columns.map((c) => cell(row[c])));
  const headers = columns.map(headerName);
  const widths = columns.map((_, i) =>
    Math.max(headers[i]?.length ?? 0, ...cells.map((r) => r[i]?.length ?? 0)),
  );
  return fitToWidth(columns, widths, width);
}

/** Rows in a given layout, with the header and rule when `header` is set. */
export function renderTableRows(data: unknown, layout: TableLayout, header: boolean): string {
  const objects = tableRows(data);
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(v, layout.widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const lines = objects.map((row) => line(layout.columns.map((c) => cell(row[c]))));
  if (header)
    lines.unshift(line(layout.columns.map(headerName)), line(layout.widths.map((w) => "-".repeat(w))));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** `displayName` → `DisplayName`, as the Azure CLI titles its columns. */
function headerName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** A value on one table line: line breaks and tabs become a space, other control characters escapes. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return escapeControlCharacters(String(value).replace(/[\r\n\t]+/g, " "));
}

function pad(value: string, width: number): string {
  if (value.length > width) return `${value.slice(0, Math.max(0, width - 1))}…`;
  return value.padEnd(width);
}

/** Narrowest a text column is cut to before whole columns are left out instead. */
const MIN_TEXT_WIDTH = 12;

/**
 * Fits the table into `total` characters. Id columns (`id`, `appId`, …) are never cut: a cut GUID
 * is useless. The other columns may shrink to {@link MIN_TEXT_WIDTH}; while even that is too wide,
 * the rightmost of them is left out. Only id columns wider than the terminal overflow it.
 */
function fitToWidth(columns: string[], widths: number[], total: number | undefined): TableLayout {
  const kept = columns.map((_, i) => i);
  const hidden: number[] = [];
  if (total !== undefined && total > 0) {
    const floor = (i: number) =>
      isIdColumn(columns[i] ?? "") ? (widths[i] ?? 0) : Math.min(widths[i] ?? 0, MIN_TEXT_WIDTH);
    const needed = () => kept.reduce((sum, i) => sum + floor(i), 0) + 2 * (kept.length - 1);
    while (needed() > total) {
      const last = kept.findLastIndex((i) => !isIdColumn(columns[i] ?? ""));
      if (last < 0) break;
      hidden.unshift(...kept.splice(last, 1));
    }
    shrinkWidest(
      kept.filter((i) => !isIdColumn(columns[i] ?? "")),
      widths,
      () => kept.reduce((sum, i) => sum + (widths[i] ?? 0), 0) + 2 * (kept.length - 1) - total,
    );
  }
  return {
    columns: kept.map((i) => columns[i] ?? ""),
    widths: kept.map((i) => widths[i] ?? 0),
    hidden: hidden.sort((a, b) => a - b).map((i) => columns[i] ?? ""),
  };
}

/** Cuts the widest of `shrinkable` until `excess()` is no longer positive, none below the minimum. */
function shrinkWidest(shrinkable: number[], widths: number[], excess: () => number): void {
  for (let over = excess(); over > 0; over = excess()) {
    let widest: number | undefined;
    for (const i of shrinkable)
      if (widest === undefined || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
    if (widest === undefined || (widths[widest] ?? 0) <= MIN_TEXT_WIDTH) return;
    // One step at a time toward the next widest, so two long columns share the cut.
    widths[widest] = Math.max(MIN_TEXT_WIDTH, (widths[widest] ?? 0) - Math.max(1, Math.min(over, 4)));
  }
}

/**
 * `id`, `appId`, `objectId`, …: values a user copies into the next command; and a log row's `time`
 * (table-views.ts), which cut is no time.
 */
function isIdColumn(key: string): boolean {
  return key === "id" || key === "time" || /[a-z]Id$/.test(key);
}
