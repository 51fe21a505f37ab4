import { createRequire } from "node:module";
import { escapeControlCharacters } from "@ciamkit/core";
import type * as Yaml from "yaml";

// yaml is loaded by the first tool result, not at start-up (tools/list never needs it).
const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;

/**
 * The text rendering of a tool result, for clients that show the model text only: YAML of the
 * structured result (about a third fewer tokens than indented JSON, and as readable), preceded by
 * the notes a model needs to act on it (more pages, cut text).
 */
export function renderText(structured: Record<string, unknown>, notes: readonly string[]): string {
  const lines: string[] = [];
  const items = structured.items;
  if (Array.isArray(items)) {
    const more =
      typeof structured.nextCursor === "string"
        ? "; more exist: call again with cursor set to nextCursor"
        : "; no more";
    lines.push(`${items.length} item${items.length === 1 ? "" : "s"}${more}.`);
  }
  for (const note of notes) lines.push(`Note: ${note}.`);
  yaml ??= require("yaml") as typeof Yaml;
  const body = yaml.stringify(escapeStrings(structured), { lineWidth: 0 }).trimEnd();
  return [...lines, body].join("\n");
}

/**
 * The result with every string (keys too) escaped: a tenant value with a line break, a terminal
 * escape or a bidi override must read as one value in the text, not as more lines of the result or
 * as instructions after it. `structuredContent` keeps the values as they are (JSON escapes them).
 */
function escapeStrings(value: unknown): unknown {
  if (typeof value === "string") return escapeControlCharacters(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [escapeControlCharacters(k), escapeStrings(v)]),
    );
  }
  return value;
}
