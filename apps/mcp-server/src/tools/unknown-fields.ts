import type { ObjectSchema } from "@ciamkit/core";
import type { CallToolResult } from "../mcp-sdk.ts";
import { errorResult } from "./error-result.ts";

/**
 * The paths of the argument fields that parsing dropped because the schema does not know them
 * (`jobTitel`, `page.colour`, `items[0].extra`). zod strips unknown keys silently, so a misspelt field
 * would be ignored and the call would succeed without the change the model asked for.
 */
export function droppedFields(input: unknown, parsed: unknown, at = ""): string[] {
  if (Array.isArray(input) && Array.isArray(parsed) && input.length === parsed.length) {
    return input.flatMap((value, i) => droppedFields(value, parsed[i], `${at}[${i}]`));
  }
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.entries(input).flatMap(([key, value]) => {
    const path = at === "" ? key : `${at}.${key}`;
    if (Object.hasOwn(parsed, key)) return droppedFields(value, parsed[key], path);
    return value === undefined ? [] : [path];
  });
}

/** An `isError` result naming the fields the tool does not take, or undefined when there are none. */
export function unknownFieldsRefusal(
  tool: string,
  schema: ObjectSchema,
  input: unknown,
  parsed: unknown,
): CallToolResult | undefined {
  const dropped = droppedFields(input, parsed);
  if (dropped.length === 0) return undefined;
  const shown = dropped.slice(0, 10).map((path) => JSON.stringify(path.slice(0, 100)));
  const more = dropped.length > shown.length ? ` and ${dropped.length - shown.length} more` : "";
  return errorResult(
    `Invalid input for ${tool} (nothing was sent): unknown field${dropped.length === 1 ? "" : "s"} ${shown.join(", ")}${more}. Next: use only the fields of the tool's input schema (${Object.keys(schema.shape).join(", ")}) and call it again.`,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
