import type { JsonObject } from "../../store/json.ts";
import { isExtensionProperty, propertyKind, typeProperties } from "../entities/shape.ts";
import { GraphError } from "../route.ts";

/**
 * Parses `$select` against a type: a comma-separated list of structural properties (and extension
 * attributes where the type has them). An unknown name is Graph's `400 Request_BadRequest`.
 */
export function parseSelect(
  value: string | null,
  type: string,
  extensions: boolean,
  documented: readonly string[] = [],
): string[] | undefined {
  if (value === null) return undefined;
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) return undefined;
  // Graph matches `$select` names without case (`$select=DisplayName`) and serves them as declared.
  return names.map((name) => {
    if (extensions && isExtensionProperty(name)) return name;
    if (propertyKind(type, name) !== undefined) return name;
    const extra = documented.find((d) => d.toLowerCase() === name.toLowerCase());
    if (extra !== undefined) return extra;
    const declared = caseless(type).get(name.toLowerCase());
    if (declared !== undefined) return declared;
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`,
    );
  });
}

const byLowerName = new Map<string, Map<string, string>>();

/** The type's property names by their lower-case form. */
function caseless(type: string): Map<string, string> {
  let map = byLowerName.get(type);
  if (map === undefined) {
    map = new Map(Object.keys(typeProperties(type)).map((n) => [n.toLowerCase(), n]));
    byLowerName.set(type, map);
  }
  return map;
}

/**
 * The record as served: the selected properties (absent extension attributes are left out, as Graph
 * does), or the default property set when nothing is selected (all structural properties unless the
 * collection has a narrower default, such as users). Extension attributes appear only when selected.
 */
export function project(
  record: JsonObject,
  select: readonly string[] | undefined,
  defaultSelect: readonly string[] | undefined,
): JsonObject {
  const names = select ?? defaultSelect;
  const out: JsonObject = {};
  if (names === undefined) {
    for (const [k, v] of Object.entries(record)) if (!isExtensionProperty(k)) out[k] = v;
    return out;
  }
  for (const name of names) {
    const v = record[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}
