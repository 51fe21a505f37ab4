import type { Operation } from "@ciamkit/core";

/** Most operations one search returns. */
export const MAX_SEARCH_RESULTS = 15;

/**
 * Operations ranked by how many of the query's words appear in their name, title, toolset and
 * description (name and title count double); every operation, in catalog order, for an empty query.
 */
export function searchOperations(operations: readonly Operation[], query: string): Operation[] {
  const words = query
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)
    .map((w) => w.replace(/s$/, ""));
  if (words.length === 0) return operations.slice(0, MAX_SEARCH_RESULTS);
  const scored = operations.map((op, index) => {
    const head = `${op.name.replaceAll("_", " ")} ${op.title} ${op.area}`.toLowerCase();
    const body = op.description.toLowerCase();
    const score = words.reduce((sum, w) => sum + (head.includes(w) ? 2 : 0) + (body.includes(w) ? 1 : 0), 0);
    return { op, index, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, MAX_SEARCH_RESULTS)
    .map((s) => s.op);
}
