import { GraphError } from "../route.ts";
import type { ComparisonOp, FilterExpr, Literal } from "./filter-ast.ts";
import { filterHeight, MAX_FILTER_HEIGHT, MAX_FILTER_NESTING } from "./filter-limits.ts";

/**
 * Parses a `$filter` expression: comparisons, `in`, `and`/`or`/`not` with parentheses,
 * `startswith`/`endswith`/`contains`, `any`/`all` lambdas, and literals with OData quoting
 * (`'O''Brien'`), GUIDs and DateTimeOffsets unquoted. Syntax errors are Graph's
 * `400 Request_BadRequest` "Invalid filter clause"; so is a filter nested or chained deeper than
 * Graph's OData parser allows ({@link MAX_FILTER_NESTING}, {@link MAX_FILTER_HEIGHT}), which would
 * otherwise overflow the stack of this parser or of the code that walks the tree.
 */
const TRUE: FilterExpr = { kind: "literal", literal: { type: "boolean", value: true } };

export function parseFilter(text: string): FilterExpr {
  const p = new Parser(text);
  const expr = p.parseOr();
  p.skipSpace();
  if (!p.done()) p.fail("unexpected text");
  if (filterHeight(expr) > MAX_FILTER_HEIGHT) p.tooDeep();
  return expr;
}

/** How much of a filter an error message quotes. */
const QUOTED = 200;
const COMPARISON = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*/;
const FUNCTIONS = new Set(["startswith", "endswith", "contains"]);

class Parser {
  readonly #text: string;
  #pos = 0;
  readonly #variables: string[] = [];
  #nesting = 0;

  constructor(text: string) {
    this.#text = text;
  }

  done(): boolean {
    return this.#pos >= this.#text.length;
  }

  fail(why: string): never {
    const text = this.#text.length > QUOTED ? `${this.#text.slice(0, QUOTED)}…` : this.#text;
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid filter clause: ${why} at position ${this.#pos} in '${text}'.`,
    );
  }

  /** Microsoft.OData.Core's text (`UriQueryExpressionParser_TooDeep`) for a filter nested too deeply. */
  tooDeep(): never {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "Invalid filter clause: Recursion depth exceeded allowed limit.",
    );
  }

  /** Enters a nesting level (parenthesis, `not`, function, lambda); leaving is {@link #leave}. */
  #enter(): void {
    if (++this.#nesting > MAX_FILTER_NESTING) this.tooDeep();
  }

  #leave(): void {
    this.#nesting--;
  }

  skipSpace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text[this.#pos] as string)) this.#pos++;
  }

  #rest(): string {
    return this.#text.slice(this.#pos);
  }

  /** Consumes a keyword (case-insensitive) followed by a space or `(`. */
  #keyword(word: string): boolean {
    this.skipSpace();
    const r = this.#rest();
    if (r.slice(0, word.length).toLowerCase() !== word) return false;
    const next = r[word.length];
    if (next !== undefined && !/[\s(]/.test(next)) return false;
    this.#pos += word.length;
    return true;
  }

  #expect(ch: string): void {
    this.skipSpace();
    if (this.#text[this.#pos] !== ch) this.fail(`'${ch}' expected`);
    this.#pos++;
  }

  parseOr(): FilterExpr {
    let left = this.#parseAnd();
    for (let n = 1; this.#keyword("or"); n++) {
      if (n >= MAX_FILTER_HEIGHT) this.tooDeep();
      left = { kind: "or", left, right: this.#parseAnd() };
    }
    return left;
  }

  #parseAnd(): FilterExpr {
    let left = this.#parseNot();
    for (let n = 1; this.#keyword("and"); n++) {
      if (n >= MAX_FILTER_HEIGHT) this.tooDeep();
      left = { kind: "and", left, right: this.#parseNot() };
    }
    return left;
  }

  #parseNot(): FilterExpr {
    if (!this.#keyword("not")) return this.#parseComparison();
    this.#enter();
    const operand = this.#parseNot();
    this.#leave();
    return { kind: "not", operand };
  }

  #parseComparison(): FilterExpr {
    const left = this.#parsePrimary();
    this.skipSpace();
    const m = /^([a-zA-Z]+)/.exec(this.#rest());
    const op = m?.[1]?.toLowerCase();
    if (op !== undefined && COMPARISON.has(op) && this.#keyword(op)) {
      return { kind: "compare", op: op as ComparisonOp, left, right: this.#parsePrimary() };
    }
    if (op === "in" && this.#keyword("in")) {
      this.#expect("(");
      const values: Literal[] = [];
      do {
        this.skipSpace();
        values.push(this.#parseLiteral() ?? this.fail("literal expected"));
        this.skipSpace();
      } while (this.#text[this.#pos] === "," && ++this.#pos);
      this.#expect(")");
      return { kind: "in", left, values };
    }
    return left;
  }

  #parsePrimary(): FilterExpr {
    this.skipSpace();
    if (this.#text[this.#pos] === "(") {
      this.#pos++;
      this.#enter();
      const inner = this.parseOr();
      this.#leave();
      this.#expect(")");
      return inner;
    }
    const literal = this.#parseLiteral();
    if (literal !== undefined) return { kind: "literal", literal };
    const ident = IDENT.exec(this.#rest())?.[0];
    if (ident === undefined) this.fail("expression expected");
    const lower = ident.toLowerCase();
    if (lower === "isof" && /^\s*\(/.test(this.#text.slice(this.#pos + ident.length))) {
      this.#pos += ident.length;
      this.#expect("(");
      this.skipSpace();
      const type = this.#parseLiteral();
      if (type?.type !== "string") this.fail("isof takes a type name in quotes");
      this.#expect(")");
      return { kind: "isof", type: type.value };
    }
    if (FUNCTIONS.has(lower) && /^\s*\(/.test(this.#text.slice(this.#pos + ident.length))) {
      this.#pos += ident.length;
      this.#expect("(");
      this.#enter();
      const args: FilterExpr[] = [this.parseOr()];
      this.skipSpace();
      while (this.#text[this.#pos] === ",") {
        this.#pos++;
        args.push(this.parseOr());
        this.skipSpace();
      }
      this.#leave();
      this.#expect(")");
      if (args.length !== 2) this.fail(`${lower} takes two arguments`);
      return { kind: "call", name: lower as "startswith" | "endswith" | "contains", args };
    }
    return this.#parsePath();
  }

  #parsePath(): FilterExpr {
    const segments: string[] = [];
    for (;;) {
      const seg = IDENT.exec(this.#rest())?.[0];
      if (seg === undefined) this.fail("property name expected");
      this.#pos += seg.length;
      segments.push(seg);
      if (this.#text[this.#pos] !== "/") break;
      this.#pos++;
      if (/^\$count\b/.test(this.#rest())) {
        this.#pos += "$count".length;
        return { kind: "count", path: segments };
      }
      const lambda = /^(any|all)\s*\(/i.exec(this.#rest());
      if (lambda !== null) {
        const quantifier = (lambda[1] as string).toLowerCase() as "any" | "all";
        this.#pos += 3;
        this.#expect("(");
        this.skipSpace();
        // `any()` without a body: whether the collection has an item (OData 4.01, 5.1.1.10.1).
        if (quantifier === "any" && this.#text[this.#pos] === ")") {
          this.#pos++;
          return { kind: "lambda", quantifier, path: segments, variable: "", body: TRUE };
        }
        const variable = IDENT.exec(this.#rest())?.[0];
        if (variable === undefined) this.fail("lambda variable expected");
        this.#pos += variable.length;
        this.#expect(":");
        // Graph's directory has no nested lambdas: a lambda over an outer lambda's variable is refused.
        if (this.#variables.includes(segments[0] as string)) this.fail("nested lambda");
        this.#variables.push(variable);
        this.#enter();
        const body = this.parseOr();
        this.#leave();
        this.#variables.pop();
        this.#expect(")");
        return { kind: "lambda", quantifier, path: segments, variable, body };
      }
    }
    const first = segments[0] as string;
    if (this.#variables.includes(first))
      return { kind: "property", path: segments.slice(1), variable: first };
    return { kind: "property", path: segments, variable: null };
  }

  #parseLiteral(): Literal | undefined {
    const r = this.#rest();
    if (r.startsWith("'")) {
      let i = 1;
      let value = "";
      for (;;) {
        const j = r.indexOf("'", i);
        if (j < 0) this.fail("unterminated string literal");
        value += r.slice(i, j);
        if (r[j + 1] === "'") {
          value += "'";
          i = j + 2;
        } else {
          this.#pos += j + 1;
          return { type: "string", value };
        }
      }
    }
    const word = /^[A-Za-z]+/.exec(r)?.[0].toLowerCase();
    const boundary = (n: number): boolean => r[n] === undefined || /[\s),]/.test(r[n] as string);
    if (word === "true" || word === "false" || word === "null") {
      if (boundary(word.length)) {
        this.#pos += word.length;
        return word === "null" ? { type: "null" } : { type: "boolean", value: word === "true" };
      }
    }
    const guid = GUID.exec(r)?.[0];
    if (guid !== undefined && boundary(guid.length)) {
      this.#pos += guid.length;
      return { type: "guid", value: guid.toLowerCase() };
    }
    const date = DATE.exec(r)?.[0];
    if (date !== undefined && date.length > 4 && boundary(date.length)) {
      this.#pos += date.length;
      const time = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
      if (Number.isNaN(time)) this.fail("invalid date");
      return { type: "date", value: date, time };
    }
    const num = NUMBER.exec(r)?.[0];
    if (num !== undefined && boundary(num.length)) {
      this.#pos += num.length;
      return { type: "number", value: Number(num) };
    }
    return undefined;
  }
}
