/** Query parameter values a request may carry; `undefined` entries are left out. */
export type QueryValue = string | number | boolean | undefined;

/**
 * Encodes query parameters with `%20` for spaces (not `+`, which OData filters would read literally)
 * and keeps `$` readable in system query options (`$filter`, `$select`, `$top`).
 */
export function buildQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return "";
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(name).replace(/^%24/, "$")}=${encodeURIComponent(String(value))}`);
  }
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}
