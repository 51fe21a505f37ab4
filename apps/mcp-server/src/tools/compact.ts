import { isObject, type JsonSchema } from "./slim-schema.ts";

/** Longest string a tool result carries in full; longer ones are cut with a note. */
export const MAX_TEXT_LENGTH = 500;

/** A result made smaller for a model's context, with notes on what was left out. */
export interface Compacted {
  value: unknown;
  /** One line per string that was cut: where, and how long it was. */
  notes: string[];
  /** Whether a string was cut (what else is left out is optional in the output schema). */
  cut: boolean;
}

/** What {@link compact} may not cut. */
export interface CompactOptions {
  /** Property names never cut (secrets shown once must arrive whole). */
  keepWhole?: readonly string[] | undefined;
  /** The result's field holding file bytes as base64 (the operation's `binary` marker): left out. */
  binary?: string | undefined;
  /** The result's field holding files inline, base64 by path (the operation bounds them): kept whole. */
  inlineFiles?: string | undefined;
  /** Cut no string at all (when a cut one would break a format the output schema checks). */
  cutNothing?: boolean | undefined;
}

/**
 * Drops what costs tokens and says nothing: `null` properties (Graph returns dozens per object) and
 * empty lists, unless the output schema requires the property, so the result
 * still matches it. Cuts long strings (certificates, descriptions, custom CSS) to
 * {@link MAX_TEXT_LENGTH} characters and leaves out the file contents of a binary operation, noting each
 * so the model can ask for the object by id or read the file as a resource.
 */
export function compact(
  value: unknown,
  schema: JsonSchema | undefined,
  options: CompactOptions = {},
): Compacted {
  const notes: string[] = [];
  let cut = false;
  const keepWhole = new Set(options.keepWhole ?? []);
  const walk = (v: unknown, node: JsonSchema | undefined, at: string, key: string): unknown => {
    if (
      typeof v === "string" &&
      v.length > MAX_TEXT_LENGTH &&
      !keepWhole.has(key) &&
      options.cutNothing !== true
    ) {
      cut = true;
      notes.push(
        `${at || "(value)"} was cut to ${MAX_TEXT_LENGTH} of ${v.length} characters; get the object by id for the full text`,
      );
      return `${v.slice(0, MAX_TEXT_LENGTH)}…`;
    }
    if (Array.isArray(v)) {
      const items = isObject(node?.items) ? node.items : undefined;
      return v.map((item, i) => walk(item, alternative(items, item), `${at}[${i}]`, key));
    }
    if (!isObject(v)) return v;
    const properties = isObject(node?.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node?.required) ? (node.required as string[]) : []);
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      const optional = !required.has(k);
      if (optional && (item === null || item === undefined)) continue;
      if (optional && Array.isArray(item) && item.length === 0) continue;
      // Bytes (an image, a certificate file) as base64 are no use to a model as text, and a 300 KB
      // background image would fill its context: say where they are instead.
      if (optional && at === "" && k === options.binary && typeof item === "string") {
        notes.push(
          `${at === "" ? k : `${at}.${k}`} (${item.length} base64 characters) was left out; read the file as an MCP resource instead`,
        );
        continue;
      }
      if (at === "" && k === options.inlineFiles) {
        out[k] = item;
        continue;
      }
      const child = isObject(properties[k]) ? properties[k] : undefined;
      out[k] = walk(item, alternative(child, item), at === "" ? k : `${at}.${k}`, k);
    }
    return out;
  };
  return { value: walk(value, schema, "", ""), notes, cut };
}

/** The branch of an `anyOf`/`oneOf` that describes an object or array value, else the node itself. */
function alternative(node: JsonSchema | undefined, value: unknown): JsonSchema | undefined {
  const options = node?.anyOf ?? node?.oneOf;
  if (!Array.isArray(options)) return node;
  const wanted = Array.isArray(value) ? "array" : isObject(value) ? "object" : undefined;
  return (options.find((o) => isObject(o) && o.type === wanted) as JsonSchema | undefined) ?? node;
}
