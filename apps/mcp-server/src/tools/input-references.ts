import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { isObject, type JsonSchema } from "./slim-schema.ts";

/** Below this many bytes a repeated field costs less than naming where it is spelled out. */
const MIN_BYTES = 200;

/**
 * The tools with each large input field spelled out once. Some fields are shared by several tools:
 * the attribute collection `page` of `user_flow_create`, `user_flow_update` and `user_flow_setup`, the
 * branding settings objects of `branding_update` and the localization tools. The first tool in the
 * list spells such a field out; later ones describe it as `Fields as in user_flow_create's page.`
 * The server still validates every argument against the tool's full schema, so a wrong field gets an
 * `isError` result that names it.
 */
export function referenceRepeatedInputs(tools: readonly Tool[]): Tool[] {
  const spelled = new Map<string, string>();
  return tools.map((tool) => {
    const properties = tool.inputSchema.properties;
    if (!isObject(properties)) return tool;
    let changed = false;
    const next = Object.fromEntries(
      Object.entries(properties).map(([key, value]) => {
        if (!isObject(value)) return [key, value];
        const { description, ...shape } = value;
        const text = JSON.stringify(shape);
        if (text.length < MIN_BYTES) return [key, value];
        const first = spelled.get(text);
        if (first === undefined) {
          spelled.set(text, `${tool.name}'s ${key}`);
          return [key, value];
        }
        changed = true;
        return [key, referenceTo(shape, first, description)];
      }),
    );
    return changed ? { ...tool, inputSchema: { ...tool.inputSchema, properties: next } } : tool;
  });
}

/** The field as a reference: its type, its own description, and where its fields are spelled out. */
function referenceTo(shape: JsonSchema, first: string, description: unknown): JsonSchema {
  const own = typeof description === "string" ? `${description} ` : "";
  return {
    ...(shape.type === undefined ? {} : { type: shape.type }),
    description: `${own}Fields as in ${first}.`,
  };
}
