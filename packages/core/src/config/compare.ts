/**
 * Comparing a spec object with the live one, field by field: a field the spec leaves out is not
 * managed; lists compare in order (unordered ones are sorted first, see normalize.ts); a mapping of
 * names (required permissions) compares whole; an empty description or list is none.
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Whether `live` is as `desired` states (fields `desired` leaves out are not compared). */
export function covers(desired: unknown, live: unknown): boolean {
  if (desired === undefined) return true;
  // null in a spec asks for none: what Graph reads back as absent.
  if (desired === null && live === undefined) return true;
  // An empty description or list is what Graph reads back as none.
  if ((desired === "" || (Array.isArray(desired) && desired.length === 0)) && live === undefined) return true;
  if (Array.isArray(desired))
    return (
      Array.isArray(live) && desired.length === live.length && desired.every((d, i) => covers(d, live[i]))
    );
  if (isObject(desired)) {
    // A platform with no redirect URIs is no platform to Graph's reader.
    if (live === undefined) return Object.values(desired).every((v) => covers(v, undefined));
    return isObject(live) && Object.entries(desired).every(([k, v]) => covers(v, live[k]));
  }
  return desired === live;
}

/** Deep equality of plain data (mappings by key, lists in order). */
export function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const other = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === other.length && keys.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

/** The top-level fields of `desired` whose value `live` does not have (`whole`: compared whole). */
export function changedFields(
  desired: Record<string, unknown>,
  live: Record<string, unknown>,
  options: { skip?: readonly string[]; whole?: readonly string[] } = {},
): { field: string; before: unknown; after: unknown }[] {
  const out: { field: string; before: unknown; after: unknown }[] = [];
  for (const [field, after] of Object.entries(desired)) {
    if (after === undefined || options.skip?.includes(field)) continue;
    const before = live[field];
    const equal = options.whole?.includes(field) ? same(after, before ?? {}) : covers(after, before);
    if (!equal) out.push({ field, before, after });
  }
  return out;
}
