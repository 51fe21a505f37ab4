/**
 * What a table or TSV shows: a result that only wraps one list or object (`{items: [...]}` of
 * `identity-provider list`, `{results: [...]}` of `group member-add`, `{flow: {...}}` of
 * `user-flow find-by-app`) has no scalar column, so it would print nothing at all; what it wraps is
 * shown instead (or, beside other objects, its one list). JSON and YAML keep the result whole.
 */
export function tabular(data: unknown): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const present = Object.values(data).filter((v) => v !== undefined && v !== null);
  if (present.some((v) => typeof v !== "object")) return data;
  if (present.length === 1) return present[0];
  const lists = present.filter((v) => Array.isArray(v));
  return lists.length === 1 ? lists[0] : data;
}
