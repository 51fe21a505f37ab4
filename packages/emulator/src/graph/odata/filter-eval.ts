import type { Json, JsonObject } from "../../store/json.ts";
import { graphTypes } from "../entities/graph-types.generated.ts";
import type { ComparisonOp, FilterExpr, Literal } from "./filter-ast.ts";

/**
 * Evaluates a parsed `$filter` against a record. String comparisons ignore case, as the directory's
 * do; DateTimeOffset literals compare as instants against ISO strings; `eq null` matches unset values.
 */
export function matches(expr: FilterExpr, record: JsonObject, count: NavigationCount = () => 0): boolean {
  return truthy(evaluate(expr, record, new Map(), count));
}

/** How many objects a record's navigation holds (`owners/$count`). */
export type NavigationCount = (navigation: string, record: JsonObject) => number;

type Value = Json | undefined;

function truthy(v: Value): boolean {
  return v === true;
}

function evaluate(
  expr: FilterExpr,
  record: JsonObject,
  scope: Map<string, Json>,
  count: NavigationCount,
): Value {
  const sub = (e: FilterExpr, s: Map<string, Json> = scope): Value => evaluate(e, record, s, count);
  switch (expr.kind) {
    case "count":
      return count(expr.path.join("/"), record);
    case "literal":
      return literalValue(expr.literal);
    case "property":
      return resolve(expr.variable === null ? record : (scope.get(expr.variable) ?? null), expr.path);
    case "and":
      return truthy(sub(expr.left)) && truthy(sub(expr.right));
    case "or":
      return truthy(sub(expr.left)) || truthy(sub(expr.right));
    case "not":
      return !truthy(sub(expr.operand));
    case "compare":
      return compare(expr.op, sub(expr.left), sub(expr.right));
    case "in": {
      const left = sub(expr.left);
      return expr.values.some((v) => compare("eq", left, literalValue(v)));
    }
    case "call": {
      const a = sub(expr.args[0] as FilterExpr);
      const b = sub(expr.args[1] as FilterExpr);
      if (typeof a !== "string" || typeof b !== "string") return false;
      const [x, y] = [a.toLowerCase(), b.toLowerCase()];
      return expr.name === "startswith"
        ? x.startsWith(y)
        : expr.name === "endswith"
          ? x.endsWith(y)
          : x.includes(y);
    }
    case "isof":
      return isOf(record["@odata.type"], expr.type);
    case "lambda": {
      const collection = resolve(record, expr.path);
      if (!Array.isArray(collection)) return false;
      const test = (item: Json): boolean => {
        const inner = new Map(scope);
        inner.set(expr.variable, item);
        return truthy(sub(expr.body, inner));
      };
      return expr.quantifier === "any" ? collection.some(test) : collection.every(test);
    }
  }
}

function resolve(from: Json, path: readonly string[]): Value {
  let v: Value = from;
  for (const seg of path) {
    if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as JsonObject)[seg];
  }
  return v;
}

// Dates keep their text and instant so they compare as instants against stored ISO strings.
const DATE_MARK = "\u0000date:";

function literalValue(l: Literal): Json {
  switch (l.type) {
    case "null":
      return null;
    case "date":
      return `${DATE_MARK}${l.time}`;
    default:
      return l.value;
  }
}

function compare(op: ComparisonOp, a: Value, b: Value): boolean {
  const left = a ?? null;
  const right = b ?? null;
  if (left === null || right === null) {
    if (op === "eq") return left === right;
    if (op === "ne") return left !== right;
    return false;
  }
  let x: string | number | boolean;
  let y: string | number | boolean;
  if (typeof right === "string" && right.startsWith(DATE_MARK)) {
    if (typeof left !== "string") return false;
    x = Date.parse(left);
    y = Number(right.slice(DATE_MARK.length));
  } else if (typeof left === "string" && typeof right === "string") {
    x = left.toLowerCase();
    y = right.toLowerCase();
  } else if (typeof left === typeof right && typeof left !== "object") {
    x = left as string | number | boolean;
    y = right as string | number | boolean;
  } else return op === "ne";
  switch (op) {
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    case "gt":
      return x > y;
    case "ge":
      return x >= y;
    case "lt":
      return x < y;
    case "le":
      return x <= y;
  }
}

/** Whether a record's `@odata.type` is the named type or derives from it (the CSDL shapes' base chain). */
export function isOf(recordType: Json | undefined, name: string): boolean {
  const wanted = name.replace(/^#?microsoft\.graph\./i, "").toLowerCase();
  let type: string | null =
    typeof recordType === "string" ? recordType.replace(/^#?microsoft\.graph\./i, "") : null;
  while (type !== null) {
    if (type.toLowerCase() === wanted) return true;
    type = graphTypes[type]?.base ?? null;
  }
  return false;
}
