/**
 * An OData `$filter` builder in which values can never change the expression's meaning: strings are
 * quoted with `'` doubled (OData ABNF `SQUOTE-in-string`), numbers must be finite, dates are emitted as
 * ISO literals, and property paths are checked against a strict grammar. Expressions are objects, so
 * a raw string cannot slip in by accident.
 */

const FILTER = Symbol("odata.filter");

/** A built filter expression; `String(filter)` gives the `$filter` text. */
export interface ODataFilter {
  readonly [FILTER]: true;
  toString(): string;
}

/** A value that may appear on the right of a comparison. */
export type ODataValue = string | number | boolean | null | Date;

function expr(text: string): ODataFilter {
  return { [FILTER]: true, toString: () => text };
}

// A property path: identifiers separated by `/`, e.g. `displayName`, `initiatedBy/user/id`,
// `extension_6ea3bc85aec24b1c92ff4a117afb6621_LoyaltyTier`, with type-cast segments where a property
// belongs to a derived type (`microsoft.graph.externalUsersSelfServiceSignUpEventsFlow/conditions`).
const SEGMENT = "(?:microsoft\\.graph\\.[A-Za-z][A-Za-z0-9]*|[A-Za-z_][A-Za-z0-9_]*)";
const PATH = new RegExp(`^${SEGMENT}(\\/${SEGMENT})*$`);
const LAMBDA_VAR = /^[a-z][A-Za-z0-9_]*$/;

/** Checks a property path; throws on anything that is not one (spaces, quotes, parentheses, operators). */
export function propertyPath(path: string): string {
  if (!PATH.test(path)) throw new Error(`Not a property path: ${JSON.stringify(path)}`);
  return path;
}

/** The OData literal for a value. */
export function literal(value: ODataValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error("Invalid date");
    return value.toISOString();
  }
  if (typeof value !== "string") throw new Error(`Unsupported OData value type: ${typeof value}`);
  return `'${value.replaceAll("'", "''")}'`;
}

type Comparison = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

function compare(op: Comparison) {
  return (path: string, value: ODataValue): ODataFilter =>
    expr(`${propertyPath(path)} ${op} ${literal(value)}`);
}

/** `path eq value` */
export const eq = compare("eq");
/** `path ne value` */
export const ne = compare("ne");
/** `path gt value` */
export const gt = compare("gt");
/** `path ge value` */
export const ge = compare("ge");
/** `path lt value` */
export const lt = compare("lt");
/** `path le value` */
export const le = compare("le");

/** `startswith(path, 'value')` */
export function startsWith(path: string, value: string): ODataFilter {
  return expr(`startswith(${propertyPath(path)},${literal(value)})`);
}

/** `path in ('a','b')` */
export function isIn(path: string, values: readonly ODataValue[]): ODataFilter {
  if (values.length === 0) throw new Error("`in` needs at least one value");
  return expr(`${propertyPath(path)} in (${values.map(literal).join(",")})`);
}

function join(op: "and" | "or", parts: readonly (ODataFilter | undefined)[]): ODataFilter {
  const present = parts.filter((p): p is ODataFilter => p !== undefined);
  if (present.length === 0) throw new Error(`\`${op}\` needs at least one expression`);
  if (present.some((p) => p[FILTER] !== true))
    throw new Error("Only built filter expressions can be combined");
  if (present.length === 1) return present[0] as ODataFilter;
  return expr(present.map((p) => `(${String(p)})`).join(` ${op} `));
}

/** Conjunction; `undefined` entries are skipped, so optional criteria compose easily. */
export function and(...parts: (ODataFilter | undefined)[]): ODataFilter {
  return join("and", parts);
}
/** Disjunction; `undefined` entries are skipped. */
export function or(...parts: (ODataFilter | undefined)[]): ODataFilter {
  return join("or", parts);
}
/** Negation. */
export function not(part: ODataFilter): ODataFilter {
  return expr(`not (${String(part)})`);
}

/**
 * A lambda over a collection property, e.g. Graph's sign-in identity lookup
 * `identities/any(i:i/issuerAssignedId eq 'ana@example.com' and i/issuer eq 'contoso.onmicrosoft.com')`.
 * The callback receives a function prefixing paths with the range variable.
 */
export function any(
  collection: string,
  variable: string,
  body: (path: (property: string) => string) => ODataFilter,
): ODataFilter {
  if (!LAMBDA_VAR.test(variable)) throw new Error(`Not a lambda variable: ${JSON.stringify(variable)}`);
  const inner = body((property) => `${variable}/${propertyPath(property)}`);
  return expr(`${propertyPath(collection)}/any(${variable}:${String(inner)})`);
}
