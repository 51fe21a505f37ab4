import { inputsNotOffered, type Operation } from "@ciamkit/core";
import type { CallToolResult } from "../mcp-sdk.ts";
import { errorResult } from "./error-result.ts";
import { isObject, type JsonSchema } from "./slim-schema.ts";

/** The input fields of an operation that MCP does not offer: those the catalog marks CLI-only. */
export function hiddenInputs(operation: Operation): string[] {
  return inputsNotOffered(operation, "mcp");
}

/** A tool's input JSON Schema without the hidden fields (in `properties` and `required`). */
export function withoutHiddenInputs(schema: JsonSchema, hidden: readonly string[]): JsonSchema {
  if (hidden.length === 0 || !isObject(schema.properties)) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).filter(([key]) => !hidden.includes(key)),
  );
  const required = Array.isArray(schema.required)
    ? (schema.required as string[]).filter((key) => !hidden.includes(key))
    : undefined;
  return { ...schema, properties, ...(required === undefined ? {} : { required }) };
}

/**
 * An `isError` result when the arguments carry a hidden field. Refused rather than ignored: zod would
 * drop the unknown field silently, and a model must learn that what it asked for was not done.
 */
export function hiddenInputRefusal(
  tool: string,
  hidden: readonly string[],
  args: Record<string, unknown>,
): CallToolResult | undefined {
  const sent = hidden.filter((key) => args[key] !== undefined);
  if (sent.length === 0) return undefined;
  return errorResult(
    `Invalid input for ${tool} (nothing was sent): ${sent.join(", ")} ${sent.length === 1 ? "is" : "are"} offered by the ciam CLI only. Next: call ${tool} without ${sent.length === 1 ? "it" : "them"}.`,
  );
}
