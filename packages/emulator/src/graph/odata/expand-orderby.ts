/** `$expand` and `$orderby` of a collection query: parsing against the collection, and sorting. */
import type { JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";
import type { CollectionSpec } from "./collection-query.ts";
import { advancedQueryError } from "./filter-support.ts";

/** One `$expand` item: the navigation property, its `$select`, and how to follow it. */
export interface ExpandItem {
  name: string;
  select: readonly string[] | undefined;
  related: (record: JsonObject) => JsonObject[];
}

/** Parses `$expand` against the collection's navigation properties; 400 for an unknown one. */
export function parseExpand(value: string | null, spec: CollectionSpec): ExpandItem[] {
  if (value === null) return [];
  return splitTopLevel(value).map((raw) => {
    // Trimmed first: leading and trailing `\s*` around the optional group would backtrack
    // quadratically over a long run of spaces.
    const part = raw.trim();
    const m = /^([A-Za-z]+)\s*(?:\(\s*\$select=([^)]*)\))?$/i.exec(part);
    const name = m?.[1];
    const related = name === undefined ? undefined : spec.expand?.[name];
    if (m === null || name === undefined || related === undefined) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${quoted(part)}' on type 'microsoft.graph.${spec.type}'.`,
      );
    }
    const select = m[2]
      ?.split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    return { name, select, related };
  });
}

/** One `$orderby` key. */
export interface SortKey {
  property: string;
  descending: boolean;
}

/** Parses `$orderby`; properties the collection sorts only with advanced queries need ConsistencyLevel. */
export function parseOrderby(value: string, spec: CollectionSpec, advancedAllowed: boolean): SortKey[] {
  return splitTopLevel(value).map((raw) => {
    const part = raw.trim();
    const m = /^([A-Za-z0-9_/]+)(?:\s+(asc|desc))?$/i.exec(part);
    if (m === null)
      throw new GraphError(400, "Request_BadRequest", `Invalid $orderby clause '${quoted(part)}'.`);
    const property = m[1] as string;
    const support = spec.orderby?.[property];
    if (support === undefined || (support === "advanced" && !advancedAllowed)) {
      if (support === "advanced") throw advancedQueryError(`Sorting by '${property}'`);
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Sorting is not supported for property '${property}' of resource '${spec.filter.resource}'.`,
      );
    }
    return { property, descending: m[2]?.toLowerCase() === "desc" };
  });
}

/** Sorts by the keys (strings case-insensitively), then by id so that pages are stable. */
export function sortBy(items: JsonObject[], keys: readonly SortKey[]): JsonObject[] {
  const value = (r: JsonObject, p: string): string | number => {
    const v = r[p];
    return typeof v === "number" ? v : typeof v === "string" ? v.toLowerCase() : "";
  };
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = value(a, k.property);
      const y = value(b, k.property);
      if (x !== y) return (x < y ? -1 : 1) * (k.descending ? -1 : 1);
    }
    return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
  });
}

/** At most 200 characters of a clause, for an error message. */
function quoted(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Splits on commas outside parentheses: `members($select=id,displayName),owners`. */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}
