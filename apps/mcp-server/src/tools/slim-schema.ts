import type { ObjectSchema } from "@ciamkit/core";
import { z } from "zod";

/** A JSON Schema node, as zod emits it. */
export type JsonSchema = Record<string, unknown>;

const cache = new WeakMap<ObjectSchema, JsonSchema>();

/**
 * The JSON Schema of an output as zod sees it after parsing (`io: "output"`): defaults make a
 * property required, `.nullish()` leaves it optional. Cached: compaction reads it on every call.
 */
export function outputJsonSchema(schema: ObjectSchema): JsonSchema {
  let json = cache.get(schema);
  if (json === undefined) {
    json = z.toJSONSchema(schema, { target: "draft-07", io: "output" }) as JsonSchema;
    cache.set(schema, json);
  }
  return json;
}

/**
 * A JSON Schema as `tools/list` sends it: what costs a model tokens but does not change what it passes
 * or reads removed. The server keeps validating with the full zod schemas, so nothing is loosened where
 * it counts: an argument that breaks a dropped check gets an `isError` result naming the field and the
 * rule, and results are checked against the full output schema before they are sent.
 *
 * Both kinds lose the `$schema` keyword, regular expressions that restate a `format` (zod spells out
 * every ISO date-time as a 300-character pattern), integer bounds that only restate JavaScript's safe
 * range. A nullable value stays `anyOf: [{type: t}, {type: "null"}]`, never `type: [t, "null"]`:
 * the array form is a third of the bytes, but clients that map tool schemas to a single-`type`
 * dialect (Gemini's function declarations) reject it, and the MCP Inspector's `--strict` lint flags
 * it (`type-union`); the `anyOf` form is standard JSON Schema that those accept.
 * See {@link slimInput} and {@link slimOutput} for what each kind drops besides.
 */
export function slimSchema(schema: unknown, output: boolean): unknown {
  return output ? slimOutput(schema, "root", true) : slimInput(schema);
}

/**
 * An input schema without checks a model never needs to see to pass a valid value: string length
 * bounds, `minItems: 1` (zod's non-empty) and `maxItems` (limits no model call comes near: 50
 * localizations, 256 redirect URIs), `propertyNames` that only say keys are strings, regular expressions (the descriptions say what to
 * pass by example; a UUID pattern becomes `format: "uuid"`), and string alternatives of a described
 * field (`anyOf` date-time or date becomes one string). Descriptions, enums, defaults,
 * `required` and nested objects stay: they are what tells a model what to pass.
 */
function slimInput(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(slimInput);
  if (!isObject(schema)) return schema;
  const node = common(schema, true);
  if (typeof node.pattern === "string" && UUID_PATTERNS.has(node.pattern) && node.format === undefined)
    node.format = "uuid";
  delete node.pattern;
  delete node.minLength;
  delete node.maxLength;
  if (node.minItems === 0 || node.minItems === 1) delete node.minItems;
  delete node.maxItems;
  // Alternatives that are all strings (a date-time or a date; '0' or a culture name) are one string
  // to a model: the field's own description says which strings.
  if (typeof node.description === "string" && Array.isArray(node.anyOf) && node.anyOf.every(isPlainString)) {
    delete node.anyOf;
    node.type = "string";
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === "properties" && isObject(value) ? mapValues(value, slimInput) : slimInput(value);
  // Object keys are always strings: a record whose keys are any string says nothing more.
  if (isObject(out.propertyNames) && JSON.stringify(out.propertyNames) === '{"type":"string"}')
    delete out.propertyNames;
  return out;
}

/** Where an output node sits: the result, an item of a list in the result, or deeper. */
type OutputLevel = "root" | "item" | "nested";

/**
 * An output schema that tells a model the shape of a result and no more: the result's properties by
 * name, its required ids with their type, and the items of its lists one level deep (their properties
 * by name, without `required`); a property that is not a list is `{}`, a list `{type: "array"}` (see
 * {@link named}). Descriptions, enums,
 * value checks, defaults and `additionalProperties` go: core has already validated the result with
 * the full schema, and strips unknown properties. An optional property loses its `null` (results
 * never carry a null optional property: compaction drops it); a required one keeps it, as results do.
 */
function slimOutput(schema: unknown, level: OutputLevel, keepNull: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => slimOutput(s, level, true));
  if (!isObject(schema)) return schema;
  const node = common(schema, keepNull);
  for (const key of OUTPUT_DROPS) delete node[key];
  const isObjectNode = node.type === "object" || hasType(node, "object") || isObject(node.properties);
  if (isObjectNode && level === "nested") {
    return { type: node.type ?? "object" };
  }
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  // A list item's `required` tells a model nothing its properties do not: items are read, not built;
  // nor does its `type: "object"` (its properties say it is one).
  if (level === "item") delete node.required;
  if (level === "item" && node.type === "object" && isObject(node.properties)) delete node.type;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && isObject(value))
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          const slim = slimOutput(v, childLevel(level, v), required.has(k));
          return [k, isRequiredId(k, slim, required) ? slim : named(slim)];
        }),
      );
    else if (key === "items") out[key] = slimOutput(value, level === "root" ? "item" : "nested", true);
    else if (key === "anyOf" || key === "oneOf") out[key] = slimOutput(value, level, true);
    else out[key] = value;
  }
  // Nor does the result's, but for its ids: what a model chains on, and what references keep.
  if (level === "root" && Array.isArray(out.required)) {
    const properties = isObject(out.properties) ? out.properties : {};
    const ids = [...required].filter((k) => isRequiredId(k, properties[k], required));
    if (ids.length === 0) delete out.required;
    else out.required = ids;
  }
  return out;
}

/** A required, never-null string named `id` or `…Id` (`appId`, `listenerId`): an id to chain on. */
function isRequiredId(name: string, node: unknown, required: ReadonlySet<string>): boolean {
  return (
    required.has(name) && (name === "id" || name.endsWith("Id")) && isObject(node) && node.type === "string"
  );
}

/**
 * A property of a result as its name alone, `{}`: what a model reads an output schema for is which
 * properties a result has (the result itself shows their values), and "any value" is a looser schema
 * every value still matches. Strings, numbers, booleans, enums, constants and nested objects are `{}`
 * (they were a fifth of the listed bytes as `{"type":"string"}`, and another fifth as other types);
 * a list is `{type: "array"}`, with its items' properties when they are spelled out (the items of a
 * list tool's page, one level deep), so code that iterates a result still knows it is a list. Required
 * ids keep their type (see {@link isRequiredId}).
 */
function named(node: unknown): unknown {
  if (!isObject(node)) return node;
  // A nullable list (`anyOf` with null) is `{}` too: `{type: "array"}` would refuse its null.
  if (node.type !== "array") return {};
  const items = node.items;
  const spelled = isObject(items) && (isObject(items.properties) || typeof items.description === "string");
  return spelled ? { type: "array", items } : { type: "array" };
}

/** A property of the result is spelled out when it is a list (its items, one level); else it is nested. */
function childLevel(level: OutputLevel, value: unknown): OutputLevel {
  return level === "root" && isObject(value) && (value.type === "array" || hasType(value, "array"))
    ? "root"
    : "nested";
}

/** The clean-up both kinds share, on a copy of the node. */
function common(schema: JsonSchema, keepNull: boolean): JsonSchema {
  const node = { ...schema };
  delete node.$schema;
  // zod names some checks as formats JSON Schema does not have (`includes`, `starts_with`): the
  // pattern carries the rule then; a standard format makes its restating pattern redundant.
  if (typeof node.format === "string" && !STANDARD_FORMATS.has(node.format)) delete node.format;
  if (typeof node.format === "string") delete node.pattern;
  // zod bounds every integer to JavaScript's safe range; that says nothing to a model.
  if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
  if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
  if (!keepNull) withoutNull(node);
  typeListAsAnyOf(node);
  return node;
}

/** Removes the `null` type or `{type: "null"}` alternative of a node, in place. */
function withoutNull(node: JsonSchema): void {
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== "null");
    node.type = types.length === 1 ? types[0] : types;
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = node[key];
    if (!Array.isArray(options)) continue;
    const kept = options.filter((o) => !isNullNode(o));
    if (kept.length === 1 && isObject(kept[0])) {
      delete node[key];
      Object.assign(node, kept[0]);
    } else node[key] = kept;
  }
}

/** Keywords that describe a node rather than constrain its value: they stay beside an `anyOf`. */
const ANNOTATIONS = new Set(["description", "title", "default", "examples", "deprecated", "readOnly"]);

/**
 * Spells `type: [t, "null"]` (zod emits it for some nullable primitives) as `anyOf: [{type: t, …},
 * {type: "null"}]`, in place: the same values, in the form single-`type` clients accept (see
 * {@link slimSchema}). The constraints go with each non-null type; an enum loses its `null` there.
 */
function typeListAsAnyOf(node: JsonSchema): void {
  if (!Array.isArray(node.type)) return;
  const types = node.type as unknown[];
  if (types.length === 1) {
    node.type = types[0];
    return;
  }
  const constraints: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key !== "type")
      constraints[key] = key === "enum" && Array.isArray(value) ? value.filter((v) => v !== null) : value;
    delete node[key];
  }
  node.anyOf = types.map((type) => (type === "null" ? { type } : { type, ...constraints }));
}

/** A string alternative that only narrows the value (a format, a constant, a pattern). */
function isPlainString(option: unknown): boolean {
  return (
    isObject(option) &&
    option.type === "string" &&
    Object.keys(option).every((key) => ["type", "format", "const", "pattern", "description"].includes(key))
  );
}

function isNullNode(option: unknown): boolean {
  return isObject(option) && option.type === "null" && Object.keys(option).length === 1;
}

function hasType(node: JsonSchema, type: string): boolean {
  return Array.isArray(node.type) && node.type.includes(type);
}

function mapValues(record: JsonSchema, f: (value: unknown) => unknown): JsonSchema {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

/** What an output schema does not need: descriptions and the checks zod carries over from inputs. */
const OUTPUT_DROPS = [
  "description",
  // A result's enum lists values the model reads, never picks; the result shows the one it got.
  "enum",
  "default",
  "additionalProperties",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
] as const;

/** The UUID regular expressions zod emits for `z.uuid()`/`z.guid()`-like checks written as patterns. */
const UUID_PATTERNS = new Set([
  "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
]);

const STANDARD_FORMATS = new Set([
  "date-time",
  "date",
  "time",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uri",
  "uri-reference",
  "uuid",
  "regex",
]);

/** True for a plain object (a schema node or a record of them). */
export function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
