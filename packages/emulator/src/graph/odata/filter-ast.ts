// The `$filter` syntax tree (the OData 4.01 subset that Microsoft Graph's directory serves).

/** A comparison operator. */
export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** A literal: string, number, boolean, null, GUID or DateTimeOffset (kept as its text, compared as time). */
export type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" }
  | { type: "guid"; value: string }
  | { type: "date"; value: string; time: number };

/** A `$filter` expression node. */
export type FilterExpr =
  | { kind: "literal"; literal: Literal }
  /** A property path (`identities`, `initiatedBy/app/appId`); inside a lambda, `variable` names its range. */
  | { kind: "property"; path: readonly string[]; variable: string | null }
  | { kind: "compare"; op: ComparisonOp; left: FilterExpr; right: FilterExpr }
  | { kind: "in"; left: FilterExpr; values: readonly Literal[] }
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; operand: FilterExpr }
  | { kind: "call"; name: "startswith" | "endswith" | "contains"; args: readonly FilterExpr[] }
  /** `owners/$count`: how many objects a navigation property holds (compared with a number). */
  | { kind: "count"; path: readonly string[] }
  /** `isof('microsoft.graph.x')`: whether the record is of that type or one derived from it. */
  | { kind: "isof"; type: string }
  | {
      kind: "lambda";
      quantifier: "any" | "all";
      path: readonly string[];
      variable: string;
      body: FilterExpr;
    };
