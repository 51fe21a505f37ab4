// How deep a `$filter` may nest and chain before it is refused, as Graph's OData parser refuses it.
import type { FilterExpr } from "./filter-ast.ts";

/**
 * Nesting levels of parentheses, `not`, function arguments and lambda bodies. Microsoft's OData
 * parser (Microsoft.OData.Core `ODataUriParserSettings.FilterLimit`) allows 800 recursive calls, about
 * nine per parenthesis: some 90 levels.
 */
export const MAX_FILTER_NESTING = 100;
/** Height of the parsed tree, where `a or b or c` chains count one per operator. */
export const MAX_FILTER_HEIGHT = 800;

/**
 * The tree's height, without recursion (the tree may be deeper than the stack before this check);
 * stops counting past {@link MAX_FILTER_HEIGHT}.
 */
export function filterHeight(root: FilterExpr): number {
  let max = 0;
  const stack: [FilterExpr, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [e, h] = top;
    if (h > max) max = h;
    if (max > MAX_FILTER_HEIGHT) return max;
    for (const child of children(e)) stack.push([child, h + 1]);
  }
  return max;
}

function children(e: FilterExpr): readonly FilterExpr[] {
  switch (e.kind) {
    case "and":
    case "or":
    case "compare":
      return [e.left, e.right];
    case "in":
      return [e.left];
    case "not":
      return [e.operand];
    case "call":
      return e.args;
    case "lambda":
      return [e.body];
    default:
      return [];
  }
}
