import type { Tool } from "../mcp-sdk.ts";
import { isObject, type JsonSchema } from "./slim-schema.ts";

/** Below this many bytes a repeated field costs less than naming where it is spelled out. */
const MIN_BYTES = 200;

/**
 * The tools with each large input field spelled out once. Some fields are shared by several tools, or
 * twice in one: the attribute collection `page` of `user_flow_create`, `user_flow_update` and
 * `user_flow_setup`, the branding settings objects of `branding_update`, the localization tools and
 * `branding_apply` (for the default and for each language), and a localization tool's whole input
 * (`branding_update`'s fields and a `locale`). The first place in the list spells such a field out;
 * later ones describe it as `Fields as in user_flow_create's page.`, or as an earlier object's fields
 * plus their own. The server still
 * validates every argument against the tool's full schema, so a wrong field gets an `isError` result
 * that names it.
 */
export function referenceRepeatedInputs(tools: readonly Tool[]): Tool[] {
  const spelled: Spelled = { exact: new Map(), objects: [] };
  const inputs: SpelledObject[] = [];
  return tools.map((tool) => {
    const at = `${tool.name}'s input`;
    const deduped = dedupe(tool.inputSchema, at, spelled) as JsonSchema;
    const input = sharedFields(deduped, at, inputs);
    return input === tool.inputSchema ? tool : { ...tool, inputSchema: { ...input, type: "object" } };
  });
}

/** The fewest identical fields, and bytes they take, for which a tool's input names another's. */
const MIN_SHARED_FIELDS = 3;
const MIN_SHARED_BYTES = 150;
/**
 * The same when they are all of the other's fields (`Fields as in app_get's input.`: the id, appId or
 * name that picks an app): a whole input is a reference a model resolves at a glance.
 */
const MIN_WHOLE_FIELDS = 2;
const MIN_WHOLE_BYTES = 80;

/**
 * A tool input without the fields it shares, identically, with an earlier tool's input (the ARM
 * address of a tenant, a custom extension's endpoint settings), named in its description instead:
 * `Fields subscriptionId, resourceGroup, name as in tenant_create's input.` Its `required` list is
 * kept whole, so a model still sees which of them it must pass.
 */
function sharedFields(input: JsonSchema, at: string, inputs: SpelledObject[]): JsonSchema {
  const properties = isObject(input.properties) ? input.properties : {};
  let best: { at: string; keys: string[]; bytes: number } | undefined;
  for (const earlier of inputs) {
    const keys = Object.keys(properties).filter(
      (key) =>
        key in earlier.properties &&
        JSON.stringify(earlier.properties[key]) === JSON.stringify(properties[key]),
    );
    const bytes = keys.reduce((n, key) => n + key.length + JSON.stringify(properties[key]).length, 0);
    const whole = keys.length === Object.keys(earlier.properties).length;
    const enough =
      (keys.length >= MIN_SHARED_FIELDS && bytes >= MIN_SHARED_BYTES) ||
      (whole && keys.length >= MIN_WHOLE_FIELDS && bytes >= MIN_WHOLE_BYTES);
    if (enough && bytes > (best?.bytes ?? 0)) best = { at: earlier.at, keys, bytes };
  }
  if (best === undefined) {
    inputs.push({ at, properties });
    return input;
  }
  const shared = new Set(best.keys);
  const own = Object.fromEntries(Object.entries(properties).filter(([key]) => !shared.has(key)));
  inputs.push({ at, properties: own });
  const description = typeof input.description === "string" ? `${input.description} ` : "";
  // Named by what it leaves out when that is shorter: "Fields of X but kind." for nine of ten.
  const earlier = inputs.find((i) => i.at === best.at)?.properties ?? {};
  const left = Object.keys(earlier).filter((key) => !shared.has(key));
  const named =
    left.join(", ").length < best.keys.join(", ").length
      ? left.length === 0
        ? `Fields as in ${best.at}.`
        : `Fields of ${best.at} but ${left.join(", ")}.`
      : `Fields ${best.keys.join(", ")} as in ${best.at}.`;
  return { ...input, description: `${description}${named}`, properties: own };
}

/** The node with itself or its large parts replaced by references to where they first appeared. */
function dedupe(node: unknown, at: string, spelled: Spelled): unknown {
  if (!isObject(node)) return node;
  const { description, ...shape } = node;
  const text = JSON.stringify(shape);
  if (text.length >= MIN_BYTES) {
    // A tool's whole input is only ever extended, never replaced by a name: its fields stay listed.
    const first = at.endsWith("'s input") ? undefined : spelled.exact.get(text);
    if (first !== undefined) return referenceTo(shape, first, description);
    const extended = extensionOf(node, spelled) ?? narrowingOf(node, spelled);
    if (extended !== undefined) return extended;
    spelled.exact.set(text, at);
    if (isObject(node.properties) && Object.keys(node.properties).length >= MIN_SHARED)
      spelled.objects.push({ at, properties: node.properties });
  }
  let changed = false;
  const out: JsonSchema = { ...node };
  if (isObject(node.properties)) {
    const properties = mapEntries(node.properties, (key, value) => dedupe(value, child(at, key), spelled));
    if (properties !== node.properties) [out.properties, changed] = [properties, true];
  }
  for (const [key, suffix] of [
    ["items", "[]"],
    ["additionalProperties", ".*"],
  ] as const) {
    const child = dedupe(node[key], `${at}${suffix}`, spelled);
    if (child !== node[key]) [out[key], changed] = [child, true];
  }
  return changed ? out : node;
}

/** The path of a property: `user_flow_create's page` under a tool's input, `….page.views` deeper. */
function child(at: string, key: string): string {
  return at.endsWith("'s input") ? `${at.slice(0, -"input".length)}${key}` : `${at}.${key}`;
}

/** Where large fields were first spelled out: by their exact shape, and objects by their properties. */
interface Spelled {
  exact: Map<string, string>;
  objects: SpelledObject[];
}

/** An object whose properties are spelled out at `at`. */
interface SpelledObject {
  at: string;
  properties: JsonSchema;
}

/** The fewest shared properties for which an object is described as an earlier one plus its own. */
const MIN_SHARED = 8;

/**
 * An object that has every property of an object spelled out earlier (a localization: the default
 * branding's fields and a `locale`), listed as that object's fields plus its own.
 */
function extensionOf(node: JsonSchema, spelled: Spelled): JsonSchema | undefined {
  const properties = node.properties;
  if (!isObject(properties)) return undefined;
  const base = spelled.objects.find(
    (o) =>
      Object.keys(o.properties).length < Object.keys(properties).length &&
      Object.entries(o.properties).every(
        ([key, value]) => key in properties && JSON.stringify(properties[key]) === JSON.stringify(value),
      ),
  );
  if (base === undefined) return undefined;
  const own = typeof node.description === "string" ? `${node.description} ` : "";
  return {
    ...node,
    description: `${own}Fields as in ${base.at}, and:`,
    properties: Object.fromEntries(Object.entries(properties).filter(([key]) => !(key in base.properties))),
  };
}

/**
 * An object that is an object spelled out earlier without some of its properties (the input of
 * `user_flow_attribute_add`: a page input without its `attribute`), listed as that object's fields
 * minus those. Its own `required` list stays.
 */
function narrowingOf(node: JsonSchema, spelled: Spelled): JsonSchema | undefined {
  const properties = node.properties;
  if (!isObject(properties) || Object.keys(properties).length < MIN_SHARED) return undefined;
  const base = spelled.objects.find(
    (o) =>
      Object.keys(o.properties).length > Object.keys(properties).length &&
      Object.entries(properties).every(
        ([key, value]) => key in o.properties && JSON.stringify(o.properties[key]) === JSON.stringify(value),
      ),
  );
  if (base === undefined) return undefined;
  const without = Object.keys(base.properties).filter((key) => !(key in properties));
  const own = typeof node.description === "string" ? `${node.description} ` : "";
  const { properties: _dropped, ...rest } = node;
  return { ...rest, description: `${own}Fields as in ${base.at}, without ${without.join(", ")}.` };
}

/** The record with `f` applied to each value; the same record when nothing changed. */
function mapEntries(record: JsonSchema, f: (key: string, value: unknown) => unknown): JsonSchema {
  let changed = false;
  const next = Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      const mapped = f(key, value);
      if (mapped !== value) changed = true;
      return [key, mapped];
    }),
  );
  return changed ? next : record;
}

/** The field as a reference: its type, its own description, and where its fields are spelled out. */
function referenceTo(shape: JsonSchema, first: string, description: unknown): JsonSchema {
  const own = typeof description === "string" ? `${description} ` : "";
  return {
    ...(shape.type === undefined ? {} : { type: shape.type }),
    description: `${own}Fields as in ${first}.`,
  };
}
