/**
 * A plain column table like the Azure CLI's `-o table`: a header row, a rule, one row per item;
 * columns are the scalar properties with a value in some row (nested objects and arrays are left
 * out: use `--query` to pick them, or another format). Cells wider than their share of the terminal
 * are cut with "…".
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
  fitToWidth(widths, width);
  return { columns, widths };
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

/** Shrinks the widest columns until the table fits, never below 8 characters a column. */
function fitToWidth(widths: number[], total: number | undefined): void {
  if (total === undefined || total <= 0) return;
  const gaps = 2 * (widths.length - 1);
  for (;;) {
    const sum = widths.reduce((a, b) => a + b, 0) + gaps;
    if (sum <= total) return;
    let widest = 0;
    for (let i = 1; i < widths.length; i++) if ((widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
    if ((widths[widest] ?? 0) <= 8) return;
    widths[widest] = Math.max(8, (widths[widest] ?? 0) - (sum - total));
  }
}
