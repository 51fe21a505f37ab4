// Renders docs/operations.md from the operation catalog. The text is a pure function of the catalog,
// so the drift test (test/operations-doc.test.ts) can compare it with the committed file. The output
// avoids Markdown tables and hard wraps so that Biome's Markdown formatter leaves it byte-for-byte as is.
import { z } from "zod";
import { cliCommand, type Operation } from "../src/operations/define-operation.ts";
import { hostPathInputs } from "../src/operations/host-paths.ts";
import { isIdempotent } from "../src/operations/input-surfaces.ts";

/** A JSON Schema node as `z.toJSONSchema` emits it (only the keywords the renderer reads). */
interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  required?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** One documented input field; nested fields carry a dotted path (`page.views[].title`). */
export interface InputField {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

const MAX_DEPTH = 5;

/** The type of a schema node in a short, readable form: `string (uuid)`, `"a" or "b"`, `string[]`. */
function typeName(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined) return schema.enum.map((v) => JSON.stringify(v)).join(" or ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) {
    const parts = union.filter((s) => s.type !== "null").map(typeName);
    const nullable = union.some((s) => s.type === "null");
    return [...new Set(parts)].join(" or ") + (nullable ? " or null" : "");
  }
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  if (schema.type === "array")
    return `${schema.items === undefined ? "unknown" : wrap(typeName(schema.items))}[]`;
  if (
    schema.type === "object" &&
    schema.properties === undefined &&
    typeof schema.additionalProperties === "object"
  ) {
    const keys = schema.propertyNames?.enum;
    const key = keys === undefined ? "string" : keys.join(" | ");
    return `map of ${key} to ${typeName(schema.additionalProperties)}`;
  }
  const base = schema.type ?? "unknown";
  return schema.format === undefined ? base : `${base} (${schema.format})`;
}

function wrap(type: string): string {
  return type.includes(" or ") ? `(${type})` : type;
}

/** Limits worth knowing before calling: lengths, counts and ranges. */
function limits(node: JsonSchema): string[] {
  // A nullable field keeps its limits on the non-null branch of the union.
  const branches = (node.anyOf ?? node.oneOf ?? []).filter((s) => s.type !== "null");
  const schema = branches.length === 1 && branches[0] !== undefined ? branches[0] : node;
  const out: string[] = [];
  const range = (lo: number | undefined, hi: number | undefined, unit: string) => {
    if (lo !== undefined && hi !== undefined) out.push(`${lo}–${hi} ${unit}`);
    else if (lo !== undefined && lo > 1) out.push(`at least ${lo} ${unit}`);
    else if (hi !== undefined) out.push(`at most ${hi} ${unit}`);
  };
  range(schema.minLength, schema.maxLength, "characters");
  range(schema.minItems, schema.maxItems, "items");
  // zod gives every integer the safe-integer bounds: they say nothing to a reader.
  const bound = (n: number | undefined) =>
    n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n;
  const [lo, hi] = [bound(schema.minimum), bound(schema.maximum)];
  if (lo !== undefined || hi !== undefined) out.push(`${lo ?? "…"} to ${hi ?? "…"}`);
  return out;
}

/** The properties of an object node, following the one object branch of a nullable union. */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties !== undefined) return schema;
  const union = schema.anyOf ?? schema.oneOf;
  const objects = union?.filter((s) => s.properties !== undefined) ?? [];
  return objects.length === 1 ? objects[0] : undefined;
}

function collect(schema: JsonSchema, prefix: string, depth: number, out: InputField[]): void {
  const object = objectOf(schema);
  if (object?.properties === undefined) return;
  const required = new Set(object.required ?? []);
  for (const [name, property] of Object.entries(object.properties)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const notes = [...limits(property)];
    if (property.default !== undefined) notes.push(`default ${JSON.stringify(property.default)}`);
    const text = [property.description?.trim() ?? "", notes.length > 0 ? `(${notes.join(", ")})` : ""]
      .filter((s) => s !== "")
      .join(" ");
    out.push({ path, type: typeName(property), required: required.has(name), description: text });
    if (depth >= MAX_DEPTH) continue;
    collect(property, path, depth + 1, out);
    const items = property.type === "array" ? property.items : undefined;
    if (items !== undefined) collect(items, `${path}[]`, depth + 1, out);
    const values =
      typeof property.additionalProperties === "object" ? property.additionalProperties : undefined;
    if (values !== undefined) collect(values, `${path}.*`, depth + 1, out);
  }
}

/** The input fields of an operation, from its zod schema through `z.toJSONSchema` (as a caller writes them). */
export function inputFields(operation: Operation): InputField[] {
  const schema = z.toJSONSchema(operation.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const out: InputField[] = [];
  collect(schema, "", 1, out);
  return out;
}

/** One line of prose: Markdown-significant line breaks and runs of spaces collapsed. */
function inline(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The operation's markers after its access level: ` · idempotent · list · binary`, those that apply. */
function markers(operation: Operation): string {
  const set = [
    // Every read is idempotent: the marker is news only on a write.
    operation.access !== "read" && isIdempotent(operation) ? "idempotent" : undefined,
    operation.list === true ? "list" : undefined,
    operation.binary === undefined ? undefined : `binary (\`${operation.binary}\`)`,
  ].filter((m) => m !== undefined);
  return set.map((m) => ` · ${m}`).join("");
}

function renderOperation(operation: Operation): string[] {
  const [group, verb] = cliCommand(operation);
  const lines = [
    `### \`${operation.name}\``,
    "",
    `**${inline(operation.title)}** · CLI \`ciam ${group} ${verb}\` · access: ${operation.access}${markers(operation)}`,
    "",
    inline(operation.description),
    "",
    `Permissions: ${operation.permissions.map((p) => `\`${p}\``).join(", ")}`,
    "",
  ];
  const fields = inputFields(operation);
  if (fields.length === 0) {
    lines.push("Input: none.", "");
    return lines;
  }
  lines.push("Input:", "");
  const only = new Map(Object.entries(operation.inputSurfaces ?? {}));
  const paths = new Map(hostPathInputs(operation.input).map((p) => [p.path, p.access]));
  for (const field of fields) {
    const indent = "  ".repeat(field.path.replaceAll(".*", "").split(".").length - 1);
    const surface = only.get(field.path);
    const path = paths.get(field.path);
    const where =
      path !== undefined
        ? `, ${field.type.includes(" or ") ? "a string is a " : ""}path ${path === "read" ? "read" : "written"}`
        : surface === undefined
          ? ""
          : surface === "cli"
            ? ", CLI only"
            : ", MCP only";
    const head = `${indent}- \`${field.path}\` (${field.type}${field.required ? ", required" : ""}${where})`;
    lines.push(field.description === "" ? head : `${head}: ${inline(field.description)}`);
  }
  lines.push("");
  return lines;
}

/** docs/operations.md for a catalog: every operation by area, with CLI command, access, permissions and inputs. */
export function renderOperationsMarkdown(catalog: readonly Operation[]): string {
  const areas = [...new Set(catalog.map((op) => op.area))];
  const lines = [
    "# Operations",
    "",
    "<!-- Generated from the operation catalog of @ciamkit/core: do not edit by hand. -->",
    "<!-- Regenerate with `pnpm --filter @ciamkit/core docs:operations`; a test fails when this file drifts. -->",
    "",
    `Every operation of the \`@ciamkit/core\` catalog (${catalog.length} in ${areas.length} areas). Each one is an MCP tool of \`ciam-mcp\` under its name, a command of the \`ciam\` CLI, and runnable from code with \`client.run(operation, input)\`. Access \`read\` never changes anything and is all that \`ciam-mcp --read-only\` offers; \`destructive\` deletes or replaces data and is confirmed with the user before the MCP server runs it. \`idempotent\` (a write or destructive operation; every read is): calling it again with the same input changes nothing more; \`list\`: it returns one page and a \`nextCursor\`; \`binary\`: the named output field carries a file's bytes as base64. An input marked CLI only is not offered to MCP clients. An input marked path names a file on the machine that runs the operation, read or written: the CLI takes any path; \`ciam-mcp\` offers it only when started with \`--files-dir\` (then as a name inside that directory; in \`--read-only\` mode, no path that is written), and otherwise takes the same data inline. Permissions are the least-privileged Microsoft Graph application permissions (or Azure RBAC actions for ARM) the operation needs.`,
    "",
    "## Areas",
    "",
  ];
  for (const area of areas) {
    const names = catalog.filter((op) => op.area === area).map((op) => `\`${op.name}\``);
    lines.push(`- [${area}](#${area}): ${names.join(", ")}`);
  }
  lines.push("");
  for (const area of areas) {
    lines.push(`## ${area}`, "");
    for (const operation of catalog.filter((op) => op.area === area))
      lines.push(...renderOperation(operation));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
