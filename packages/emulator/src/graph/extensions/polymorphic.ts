import type { Json, JsonObject } from "../../store/json.ts";
import { complexValue } from "../entities/shape.ts";
import { GraphError } from "../route.ts";

/**
 * The short type name an `@odata.type` value names (`#microsoft.graph.httpRequestEndpoint`,
 * `microsoft.graph.httpRequestEndpoint` → `httpRequestEndpoint`), matched case-insensitively against
 * the allowed names (api-surface 12.2); `undefined` when it is none of them.
 */
export function odataTypeOf(value: Json | undefined, allowed: readonly string[]): string | undefined {
  if (typeof value !== "string") return undefined;
  const short = value
    .replace(/^#/, "")
    .replace(/^microsoft\.graph\./i, "")
    .toLowerCase();
  return allowed.find((a) => a.toLowerCase() === short);
}

/**
 * Checks a value of an abstract complex type against its concrete types: `@odata.type` must name one
 * of them (Graph cannot otherwise pick the type), then the value takes that type's full shape with
 * `@odata.type` kept, as Graph serves derived complex values.
 */
export function polymorphicValue(
  property: string,
  input: Json | undefined,
  concrete: readonly string[],
): JsonObject {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid value for property '${property}': an object was expected.`,
    );
  }
  const type = odataTypeOf(input["@odata.type"], concrete);
  if (type === undefined) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Property '${property}' needs an '@odata.type' of ${concrete.map((c) => `#microsoft.graph.${c}`).join(" or ")}.`,
    );
  }
  return { "@odata.type": `#microsoft.graph.${type}`, ...complexValue(type, input, property) };
}

/** A stored record's type name, without the `#microsoft.graph.` prefix. */
export function recordType(record: JsonObject): string {
  return String(record["@odata.type"]).replace("#microsoft.graph.", "");
}

/**
 * The record's type for a PATCH: an `@odata.type` in the body, when sent, must name it (a record's
 * type cannot change); `message(type, got)` explains the refusal.
 */
export function keptType(
  record: JsonObject,
  body: JsonObject,
  message: (type: string, got: string) => string,
): string {
  const type = recordType(record);
  if (body["@odata.type"] !== undefined && odataTypeOf(body["@odata.type"], [type]) === undefined) {
    throw new GraphError(400, "Request_BadRequest", message(type, String(body["@odata.type"])));
  }
  return type;
}

/** The `finish` of a polymorphic set: every served item leads with its `@odata.type`. */
export const typedFinish = (served: JsonObject, _select: unknown, record: JsonObject): JsonObject => ({
  "@odata.type": record["@odata.type"] ?? null,
  ...served,
});
