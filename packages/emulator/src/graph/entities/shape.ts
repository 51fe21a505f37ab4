import type { Json, JsonObject } from "../../store/json.ts";
import { GraphError } from "../route.ts";
import { graphTypes } from "./graph-types.generated.ts";

/**
 * Shapes JSON after the CSDL types in graph-types.generated.ts: every entity the emulator stores
 * carries every structural property of its type (null when unset, `[]` for collections), as Graph
 * returns it for a full `$select`; and what clients write is type-checked against the same shapes.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO_DATE = "0001-01-01T00:00:00Z";
const templates = new Map<string, () => JsonObject>();
const EXTENSION = /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/;
/** Types that carry directory extension attributes (`extension_{appIdNoDashes}_{name}`). */
const EXTENSION_TYPES = new Set(["user", "group", "application", "servicePrincipal", "organization"]);

/** Whether a property name is a directory extension attribute. */
export function isExtensionProperty(name: string): boolean {
  return EXTENSION.test(name);
}

// Extension attributes hold String, Boolean, Integer, DateTime (as string), Binary or a collection of strings.
function extensionValue(name: string, value: Json): Json {
  const scalarOk = (v: Json): boolean => v === null || ["string", "number", "boolean"].includes(typeof v);
  if (Array.isArray(value) ? value.every((v) => typeof v === "string") : scalarOk(value)) return value;
  throw new GraphError(400, "Request_BadRequest", `Invalid value specified for property '${name}'.`);
}

/** The properties of a served Graph type (short name: `user`, `passwordProfile`). */
export function typeProperties(type: string): Readonly<Record<string, string>> {
  const shape = graphTypes[type];
  if (shape === undefined) throw new Error(`no shape for microsoft.graph.${type}`);
  return shape.props;
}

/** The kind of a property without `Collection()` or `!`: `String`, `enum:x`, `passwordProfile`. */
export function propertyKind(type: string, name: string): { kind: string; collection: boolean } | undefined {
  const k = typeProperties(type)[name];
  if (k === undefined) return undefined;
  const bare = k.endsWith("!") ? k.slice(0, -1) : k;
  const m = /^Collection\((.*)\)$/.exec(bare);
  return m === null ? { kind: bare, collection: false } : { kind: m[1] as string, collection: true };
}

/**
 * A value of the type with nothing set: null for nullable properties, `[]` for collections, and for
 * non-nullable ones the value Graph reports when unset (false, 0, `0001-01-01T00:00:00Z`, the enum's
 * first member, an empty complex value).
 */
export function blank(type: string): JsonObject {
  let make = templates.get(type);
  if (make === undefined) {
    make = compileBlank(type);
    templates.set(type, make);
  }
  return make();
}

/**
 * Builds a factory returning one object literal with every property of the type: V8 gives such
 * literals one hidden class, which keeps seeding 100k users fast (a spread or a structuredClone of
 * an 80-property template costs several times more). Property names come from the generated CSDL
 * shapes and are embedded as JSON strings.
 */
function compileBlank(type: string): () => JsonObject {
  const makers: (() => Json)[] = [];
  const fields = Object.entries(typeProperties(type)).map(([name, spec]) => {
    const value = blankValue(spec);
    let expr: string;
    if (Array.isArray(value)) expr = "[]";
    else if (typeof value === "object" && value !== null) {
      makers.push(() => blankValue(spec));
      expr = `m[${makers.length - 1}]()`;
    } else expr = JSON.stringify(value);
    return `${JSON.stringify(name)}: ${expr}`;
  });
  const factory = new Function("m", `return () => ({ ${fields.join(", ")} });`) as (
    m: (() => Json)[],
  ) => () => JsonObject;
  return factory(makers);
}

function blankValue(spec: string): Json {
  if (spec.startsWith("Collection(")) return [];
  if (!spec.endsWith("!")) return null;
  const kind = spec.slice(0, -1);
  if (kind.startsWith("enum:")) return kind.slice(5);
  switch (kind) {
    case "Boolean":
      return false;
    case "Int32":
    case "Int64":
    case "Double":
      return 0;
    case "DateTimeOffset":
      return ZERO_DATE;
    case "Guid":
      return "00000000-0000-0000-0000-000000000000";
    case "String":
    case "Binary":
      return "";
    default:
      return graphTypes[kind] === undefined ? null : blank(kind);
  }
}

/**
 * Merges client-written properties into a value of `type`, checking each against its CSDL kind.
 * Complex values are completed to their full shape. Unknown properties and wrong JSON types are
 * `400 Request_BadRequest`, as Graph rejects them; `readOnly` names are refused the same way.
 */
export function writeProperties(
  type: string,
  target: JsonObject,
  input: JsonObject,
  readOnly: ReadonlySet<string> = new Set(),
): JsonObject {
  for (const [name, value] of Object.entries(input)) {
    if (name === "@odata.type") continue;
    // Binding navigation properties is handled by the routes that support it; any other is refused.
    if (name.includes("@odata.")) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Property '${name}' is not supported on microsoft.graph.${type}.`,
      );
    }
    if (EXTENSION_TYPES.has(type) && isExtensionProperty(name)) {
      // Writing null clears an extension attribute: Graph then leaves it out, even when selected.
      if (value === null) delete target[name];
      else target[name] = extensionValue(name, value);
      continue;
    }
    const kind = propertyKind(type, name);
    if (kind === undefined || readOnly.has(name)) {
      throw new GraphError(400, "Request_BadRequest", `Invalid property '${name}'.`);
    }
    target[name] = coerce(type, name, kind, value);
  }
  return target;
}

/** Completes a complex value to its full shape after checking it. */
export function complexValue(type: string, input: Json, path = type): JsonObject {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new GraphError(400, "Request_BadRequest", `Invalid value for property '${path}'.`);
  }
  return writeProperties(type, blank(type), input);
}

function coerce(type: string, name: string, kind: { kind: string; collection: boolean }, value: Json): Json {
  const spec = typeProperties(type)[name] as string;
  if (value === null) {
    if (kind.collection || spec.endsWith("!")) {
      throw new GraphError(400, "Request_BadRequest", `Property '${name}' cannot be null.`);
    }
    return null;
  }
  if (kind.collection) {
    if (!Array.isArray(value)) throw invalid(name);
    return value.map((v) => scalar(name, kind.kind, v));
  }
  return scalar(name, kind.kind, value);
}

function scalar(name: string, kind: string, value: Json): Json {
  const ok = ((): boolean => {
    if (kind.startsWith("enum:")) return typeof value === "string";
    switch (kind) {
      case "String":
        return typeof value === "string";
      case "Binary":
        return typeof value === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
      case "Guid":
        return typeof value === "string" && GUID.test(value);
      case "Boolean":
        return typeof value === "boolean";
      case "Int32":
      case "Int64":
        return typeof value === "number" && Number.isInteger(value);
      case "Double":
        return typeof value === "number";
      case "DateTimeOffset":
        return typeof value === "string" && !Number.isNaN(Date.parse(value));
      default:
        return true;
    }
  })();
  if (!ok) throw invalid(name);
  if (kind === "Guid") return (value as string).toLowerCase();
  if (kind === "DateTimeOffset") return isoDate(new Date(value as string));
  if (graphTypes[kind] !== undefined) return complexValue(kind, value, name);
  return value;
}

function invalid(name: string): GraphError {
  return new GraphError(400, "Request_BadRequest", `Invalid value specified for property '${name}'.`);
}

/** Graph's DateTimeOffset form: UTC, `Z`, no fraction when it is zero (`2026-02-13T10:17:06Z`). */
export function isoDate(d: Date): string {
  return d.toISOString().replace(".000Z", "Z");
}

/** Whether a string is a GUID. */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}
