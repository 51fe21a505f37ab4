import { isExtensionProperty, propertyKind } from "../entities/shape.ts";
import { GraphError } from "../route.ts";
import type { FilterExpr, Literal } from "./filter-ast.ts";

/** What a property supports in `$filter`: operators always allowed, and those needing an advanced query. */
export interface PropertySupport {
  /** Space-separated: eq ne not in gt ge lt le startswith endswith eqnull. */
  ops: string;
  /** Operators allowed only with `ConsistencyLevel: eventual` and `$count=true` (api-surface 11.4). */
  advanced?: string;
}

/** Per-collection `$filter` support, from the property tables of the Graph resource pages. */
export interface FilterSupport {
  /** Resource name in Graph's messages: `User`, `Group`, … */
  resource: string;
  /** CSDL type (short name) for unknown-property errors. */
  type: string;
  properties: Readonly<Record<string, PropertySupport>>;
  /** Collections filterable with `any(...)`: inner properties by name, `$this` for a primitive item. */
  lambdas?: Readonly<
    Record<
      string,
      { properties: Readonly<Record<string, PropertySupport>>; check?: (body: FilterExpr) => void }
    >
  >;
  /** The types `isof('microsoft.graph.x')` may name (a polymorphic set's types); none: `isof` refused. */
  isOf?: readonly string[];
  /** Directory extension attributes: eq, ne, eq null (api-surface 6.4). */
  extensions?: boolean;
  /** Whether `ne`/`not` need an advanced query (directory objects) or are simply unsupported. */
  directory: boolean;
  /** Navigations whose size `$filter` compares (`owners/$count eq 0`), with the operators allowed. */
  counts?: Readonly<Record<string, PropertySupport>>;
  /** Rewrites an accepted filter before evaluation, for service-side semantics the grammar cannot say. */
  rewrite?: (expr: FilterExpr) => FilterExpr;
}

const EXTENSION_SUPPORT: PropertySupport = { ops: "eq eqnull", advanced: "ne not" };

/** Graph's error when an operator needs `ConsistencyLevel: eventual` (current wording, aka.ms/graph-docs/advanced-queries). */
export function advancedQueryError(what: string): GraphError {
  return new GraphError(
    400,
    "Request_UnsupportedQuery",
    `${what} is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
  );
}

function unsupported(property: string, resource: string): GraphError {
  return new GraphError(
    400,
    "Request_UnsupportedQuery",
    `Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`,
  );
}

/**
 * Refuses a filter the real service would refuse: a property or operator Graph does not support for
 * this collection (`Request_UnsupportedQuery`), an unknown property (`Request_BadRequest`), or an
 * advanced operator without `ConsistencyLevel: eventual`. Returns whether the filter used an
 * advanced-only operator.
 */
export function checkFilter(expr: FilterExpr, support: FilterSupport, advancedAllowed: boolean): boolean {
  let advancedUsed = false;
  const useOp = (op: string, property: string, props: PropertySupport | undefined): void => {
    if (props === undefined) throw unsupported(property, support.resource);
    if (props.ops.split(" ").includes(op)) return;
    if (props.advanced?.split(" ").includes(op) === true) {
      if (!advancedAllowed) throw advancedQueryError(`Operator '${opName(op)}'`);
      advancedUsed = true;
      return;
    }
    throw unsupported(property, support.resource);
  };
  const lookup = (
    expr: FilterExpr,
    inner?: Readonly<Record<string, PropertySupport>>,
  ): [string, PropertySupport | undefined] => {
    if (expr.kind !== "property") throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
    const name = expr.path.join("/");
    if (inner !== undefined) return [name === "" ? "$this" : name, inner[name === "" ? "$this" : name]];
    const first = expr.path[0] as string;
    if (support.extensions === true && isExtensionProperty(first)) return [first, EXTENSION_SUPPORT];
    if (propertyKind(support.type, first) === undefined) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${first}' on type 'microsoft.graph.${support.type}'.`,
      );
    }
    return [name, support.properties[name]];
  };

  const walk = (e: FilterExpr, inner?: Readonly<Record<string, PropertySupport>>, negated = false): void => {
    switch (e.kind) {
      case "and":
      case "or":
        walk(e.left, inner, negated);
        walk(e.right, inner, negated);
        return;
      case "not":
        if (!support.directory)
          throw new GraphError(400, "Request_UnsupportedQuery", "Operator 'not' is not supported.");
        if (!advancedAllowed) throw advancedQueryError("Operator 'not'");
        advancedUsed = true;
        walk(e.operand, inner, true);
        return;
      case "compare": {
        const [prop, lit] =
          e.left.kind === "literal"
            ? [e.right, e.left.literal]
            : e.right.kind === "literal"
              ? [e.left, e.right.literal]
              : [];
        if (prop === undefined || lit === undefined)
          throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
        if (prop.kind === "count") {
          const name = prop.path.join("/");
          if (inner !== undefined || lit.type !== "number")
            throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
          useOp(e.op, `${name}/$count`, support.counts?.[name]);
          return;
        }
        const [name, props] = lookup(prop, inner);
        const op = lit.type === "null" && e.op === "eq" ? "eqnull" : e.op;
        useOp(op, name, props);
        if (inner === undefined && prop.kind === "property") checkOperand(support.type, prop.path, lit);
        return;
      }
      case "in": {
        const [name, props] = lookup(e.left, inner);
        useOp("in", name, props);
        return;
      }
      case "call": {
        const [target, value] = e.args;
        if (value?.kind !== "literal" || value.literal.type !== "string") {
          throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
        }
        const [name, props] = lookup(target as FilterExpr, inner);
        useOp(e.name, name, props);
        return;
      }
      case "isof": {
        const known = support.isOf?.some(
          (t) => `microsoft.graph.${t}`.toLowerCase() === e.type.toLowerCase(),
        );
        if (support.isOf === undefined || inner !== undefined)
          throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
        if (known !== true)
          throw new GraphError(
            400,
            "Request_BadRequest",
            `Cannot find type '${e.type}' for the isof function.`,
          );
        return;
      }
      case "lambda": {
        const name = e.path.join("/");
        if (inner !== undefined) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
        const first = e.path[0] as string;
        if (propertyKind(support.type, first) === undefined) {
          throw new GraphError(
            400,
            "Request_BadRequest",
            `Could not find a property named '${first}' on type 'microsoft.graph.${support.type}'.`,
          );
        }
        const lambda = support.lambdas?.[name];
        if (lambda === undefined || e.quantifier === "all") throw unsupported(name, support.resource);
        if (e.variable === "") return; // `any()`: no body to check
        lambda.check?.(e.body);
        walk(e.body, lambda.properties, negated);
        return;
      }
      default:
        throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
    }
  };
  walk(expr);
  return advancedUsed;
}

const opName = (op: string): string => (op === "endswith" ? "endsWith" : op === "eqnull" ? "eq null" : op);

const EDM: Record<string, string> = {
  string: "Edm.String",
  number: "Edm.Int32",
  boolean: "Edm.Boolean",
  guid: "Edm.Guid",
  date: "Edm.DateTimeOffset",
};

// Graph refuses comparing a property with a literal of another Edm type (OData's type check).
function checkOperand(type: string, path: readonly string[], lit: Literal): void {
  if (lit.type === "null" || path.length !== 1) return;
  const kind = propertyKind(type, path[0] as string);
  if (kind === undefined || kind.collection) return;
  const expected =
    kind.kind === "Boolean"
      ? "boolean"
      : kind.kind === "DateTimeOffset"
        ? "date"
        : kind.kind.startsWith("Int")
          ? "number"
          : kind.kind === "String" || kind.kind.startsWith("enum:")
            ? "string"
            : undefined;
  if (expected === undefined || expected === lit.type) return;
  if (expected === "string" && lit.type === "guid") return;
  throw new GraphError(
    400,
    "Request_BadRequest",
    `A binary operator with incompatible types was detected. Found operand types 'Edm.${kind.kind.startsWith("enum:") ? "String" : kind.kind}' and '${EDM[lit.type]}' for operator kind 'Equal'.`,
  );
}
