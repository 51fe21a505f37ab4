import type { Tool } from "../mcp-sdk.ts";
import { isObject, type JsonSchema } from "./slim-schema.ts";

/** The fewest properties an output needs before naming another tool's shape pays for itself. */
const MIN_PROPERTIES = 4;

/**
 * The tools with each result shape spelled out once. Many tools return a resource a listed read tool
 * already describes: `user_create` and `user_update` return what `user_get` does, `user_list`'s items
 * are `user_get`'s result. Such an output (or list item) is listed as a reference, `Like user_get's
 * result.` That is a third of the output schemas' bytes. The reference is a looser schema the result
 * still matches, and the server still validates every result against the full schema before sending it.
 *
 * Only read tools are referred to, and only tools in the same list (a narrowed list spells a shape
 * out where it first appears); a read tool whose whole result is shaped as an earlier one's refers to
 * it, so every referred-to shape is spelled out in full.
 */
export function referenceRepeatedOutputs(tools: readonly Tool[]): Tool[] {
  const readers: Reader[] = [];
  for (const tool of tools) {
    const output = tool.outputSchema;
    if (tool.annotations?.readOnlyHint !== true || output === undefined) continue;
    if (!readers.some((r) => isShapedAs(output, r.output))) readers.push({ name: tool.name, output });
  }
  const earlier: Reader[] = [];
  return tools.map((tool) => {
    const output = tool.outputSchema;
    if (output === undefined) return tool;
    const others = readers.filter((r) => r.name !== tool.name);
    // A write tool whose whole result is shaped as an earlier write tool's (migration_users returns
    // user_import's report) refers to it when no read tool has that shape.
    const reader =
      others.find((r) => isShapedAs(output, r.output)) ??
      (tool.annotations?.readOnlyHint === true
        ? undefined
        : earlier.find((r) => isShapedAs(output, r.output)));
    if (tool.annotations?.readOnlyHint !== true) earlier.push({ name: tool.name, output });
    if (reader !== undefined) return { ...tool, outputSchema: { type: "object", ...reference(reader.name) } };
    const referenced = withReferencedItems(output, others);
    return referenced === output ? tool : { ...tool, outputSchema: { ...referenced, type: "object" } };
  });
}

/** A read tool whose result shape is spelled out in full, for others to refer to. */
interface Reader {
  name: string;
  output: JsonSchema;
}

/** The output with each list whose items are shaped as a reader's result listed by reference. */
function withReferencedItems(output: JsonSchema, readers: readonly Reader[]): JsonSchema {
  if (!isObject(output.properties)) return output;
  let changed = false;
  const properties = Object.fromEntries(
    Object.entries(output.properties).map(([key, value]) => {
      if (!isObject(value) || value.type !== "array" || !isObject(value.items)) return [key, value];
      const items = value.items;
      const reader = readers.find((r) => isShapedAs(items, r.output));
      if (reader === undefined) return [key, value];
      changed = true;
      return [key, { ...value, items: reference(reader.name) }];
    }),
  );
  return changed ? { ...output, properties } : output;
}

/** True when every property of `output` is one of `reader`'s, described the same way. */
function isShapedAs(output: JsonSchema, reader: JsonSchema): boolean {
  if (!isObject(output.properties) || !isObject(reader.properties)) return false;
  const own = Object.entries(output.properties);
  const theirs = reader.properties;
  return (
    own.length >= MIN_PROPERTIES &&
    own.every(([key, value]) => key in theirs && JSON.stringify(theirs[key]) === JSON.stringify(value))
  );
}

/**
 * The reference: the reader's name. The ids a model chains on are in the reader's result, listed in
 * the same answer; repeating them here cost 5% of the catalog's tokens.
 */
function reference(reader: string): JsonSchema {
  return { description: `Like ${reader}'s result.` };
}
