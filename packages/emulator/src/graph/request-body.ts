import type { GraphCall } from "./pipeline.ts";

/** Marks a body that is not valid JSON. */
export const INVALID = Symbol("invalid JSON");
/** Graph's message for a body it cannot read. */
export const INVALID_JSON_MESSAGE =
  "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

/** The JSON body of a call: a batch item's as given, else parsed when the content type is JSON (or absent). */
export function parseJsonBody(call: GraphCall): unknown {
  if (call.jsonBody !== undefined) return call.jsonBody;
  if (call.rawBody.length === 0) return undefined;
  const type = call.headers["content-type"] ?? "application/json";
  if (!/json/i.test(type)) return undefined;
  try {
    return JSON.parse(call.rawBody.toString("utf8")) as unknown;
  } catch {
    return INVALID;
  }
}
