import type { JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";

/**
 * Parses a directory `$search`: quoted `"property:term"` clauses joined by AND/OR (AND binds first).
 * A term matches a word of the property that starts with it, ignoring case, as the directory's
 * tokenized search does.
 */
export function parseSearch(value: string, properties: readonly string[]): (r: JsonObject) => boolean {
  const ors = value.split(/\s+OR\s+/);
  const groups = ors.map((group) =>
    group.split(/\s+AND\s+/).map((clause) => {
      const m = /^\s*"([^":]+):([^"]*)"\s*$/.exec(clause);
      if (m === null) {
        throw new GraphError(
          400,
          "Request_BadRequest",
          `Syntax error: '${clause.trim()}' is not a valid $search clause.`,
        );
      }
      const property = m[1] as string;
      if (!properties.includes(property)) {
        throw new GraphError(
          400,
          "Request_UnsupportedQuery",
          `$search is not supported on property '${property}'.`,
        );
      }
      const term = (m[2] as string).toLowerCase();
      return (r: JsonObject): boolean => {
        const v = r[property];
        if (typeof v !== "string") return false;
        return (
          v
            .toLowerCase()
            .split(/[\s._@-]+/)
            .some((w) => w.startsWith(term)) || v.toLowerCase().startsWith(term)
        );
      };
    }),
  );
  return (r) => groups.some((and) => and.every((t) => t(r)));
}
