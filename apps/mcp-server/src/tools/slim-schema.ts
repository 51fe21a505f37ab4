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
 * A JSON Schema with what costs a model tokens but tells it nothing removed: the `$schema` keyword,
 * regular expressions that restate a `format` (zod spells out every ISO date-time as a 300-character
 * pattern), integer bounds that only restate JavaScript's safe range, and, in output schemas, value
 * checks (lengths, patterns, formats, bounds), `additionalProperties: false` and the `null` alternative of
 * optional properties: results never carry a null optional property (compaction drops it), so such a
 * property is simply absent. A required property keeps its `null`, as results keep it. Output objects
 * nested deeper than {@link MAX_OUTPUT_DEPTH} are described by their type alone.
 */
export function slimSchema(schema: unknown, output: boolean, keepNull = true, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => slimSchema(s, output, true, depth));
  if (!isObject(schema)) return schema;
  const node = { ...schema };
  if (output && !keepNull) withoutNull(node);
  const isObjectNode = node.type === "object" || isObject(node.properties);
  const level = isObjectNode ? depth + 1 : depth;
  if (output && isObjectNode && level > MAX_OUTPUT_DEPTH) {
    return {
      type: "object",
      ...(typeof node.description === "string" ? { description: node.description } : {}),
    };
  }
  delete node.$schema;
  // zod names some checks as formats JSON Schema does not have (`includes`, `starts_with`): the
  // pattern carries the rule then; a standard format makes its restating pattern redundant.
  if (typeof node.format === "string" && !STANDARD_FORMATS.has(node.format)) delete node.format;
  if (typeof node.format === "string") delete node.pattern;
  // zod bounds every integer to JavaScript's safe range; that says nothing to a model.
  if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
  if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
  if (output) {
    // Results come from the service and core has already validated them: an output schema only needs
    // to tell the shape (types, enums, required, descriptions), not the input checks zod carries over.
    // Core strips unknown properties from results, so closing output objects adds nothing either.
    for (const key of OUTPUT_CHECKS) delete node[key];
    if (node.additionalProperties === false) delete node.additionalProperties;
  }
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "properties" && isObject(value)
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, slimSchema(v, output, required.has(k), level)]),
          )
        : slimSchema(value, output, true, level);
  }
  return out;
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
    const kept = options.filter((o) => !(isObject(o) && o.type === "null" && Object.keys(o).length === 1));
    if (kept.length === 1 && isObject(kept[0])) {
      delete node[key];
      Object.assign(node, kept[0]);
    } else node[key] = kept;
  }
}

/**
 * Object levels an output schema spells out: the result, and the objects in it (a list's items, a
 * flow's page). Deeper objects are listed as `{type: "object"}`: the result itself shows them, and
 * spelling them out for every tool that returns them cost a third of `tools/list`.
 */
export const MAX_OUTPUT_DEPTH = 2;

/** Validation keywords that an output schema does not need. */
const OUTPUT_CHECKS = [
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
