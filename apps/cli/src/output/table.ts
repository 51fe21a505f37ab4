/**
 * A plain column table like the Azure CLI's `-o table`: a header row, a rule, one row per item;
 * columns are the scalar properties with a value in some row (nested objects and arrays are left
 * out: use `--query` to pick them, or another format). To fit the terminal, later columns are
 * narrowed (cells cut with "…"), then the last ones dropped; the first column (the id a user copies)
 * is cut only when it alone is wider than the terminal.
 */
export function renderTable(data: unknown, width?: number): string {
  const rows = tableRows(data);
  const layout = tableLayout(rows, width);
  return layout === undefined ? "" : renderTableRows(rows, layout, true);
}

/** Columns and their widths, fixed by the first page of a streamed list so later pages line up. */
export interface TableLayout {
  columns: string[];
  widths: number[];
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
  const kept = fitToWidth(widths, width);
  return { columns: columns.slice(0, kept), widths: widths.slice(0, kept) };
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

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[\r\n\t]+/g, " ");
}

function pad(value: string, width: number): string {
  if (value.length > width) return `${value.slice(0, Math.max(0, width - 1))}…`;
  return value.padEnd(width);
}

/**
 * Fits the columns into `total` characters: narrows the widest column after the first (never below 8),
 * then drops the last column, and so on; cuts the first column only when it is all that is left.
 * Changes `widths` in place and returns how many columns are kept.
 */
function fitToWidth(widths: number[], total: number | undefined): number {
  if (total === undefined || total <= 0) return widths.length;
  const natural = [...widths];
  for (let kept = widths.length; kept > 1; kept--) {
    widths.splice(0, widths.length, ...natural);
    const first = natural[0] ?? 0;
    // The narrowest the kept columns can be: the first whole, the others at most 8 wide.
    const least = first + natural.slice(1, kept).reduce((a, w) => a + Math.min(w, 8), 0) + 2 * (kept - 1);
    if (least > total) continue;
    for (;;) {
      const sum = widths.slice(0, kept).reduce((a, b) => a + b, 0) + 2 * (kept - 1);
      if (sum <= total) return kept;
      let widest = 1;
      for (let i = 2; i < kept; i++) if ((widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
      widths[widest] = Math.max(8, (widths[widest] ?? 0) - (sum - total));
    }
  }
  widths.splice(0, widths.length, Math.min(natural[0] ?? 0, total));
  return 1;
}
