import type { JsonObject } from "../../store/json.ts";
import { isExtensionProperty, propertyKind } from "../entities/shape.ts";
import { GraphError } from "../route.ts";

/**
 * Parses `$select` against a type: a comma-separated list of structural properties (and extension
 * attributes where the type has them). An unknown name is Graph's `400 Request_BadRequest`.
 */
export function parseSelect(value: string | null, type: string, extensions: boolean): string[] | undefined {
  if (value === null) return undefined;
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) return undefined;
  for (const name of names) {
    if (extensions && isExtensionProperty(name)) continue;
    if (propertyKind(type, name) === undefined) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`,
      );
    }
  }
  return names;
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
