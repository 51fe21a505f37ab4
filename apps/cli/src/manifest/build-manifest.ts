import type { Operation } from "@ciamkit/core";
import { cliCommand, hostPathInputs, inputsNotOffered, operations } from "@ciamkit/core";
import { z } from "zod";
import { EXAMPLE_FLAGS } from "./examples.ts";
import type { CommandSpec, Manifest, OptionSpec, OptionType } from "./manifest-types.ts";

/** Flags the CLI itself defines; a field with one of these names gets `--param-<name>` instead. */
const RESERVED = new Set([
  "output",
  "query",
  "profile",
  "emulator",
  "read-only",
  "yes",
  "input",
  "all",
  "help",
]);

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  default?: unknown;
  description?: string;
  format?: string;
  contentEncoding?: string;
  writeOnly?: boolean;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** `displayName` → `display-name`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** The scalar shape of a schema, looking through `anyOf` with null (nullable fields). */
function scalar(schema: JsonSchema): { type: OptionType; choices?: string[]; format?: string | undefined } {
  const variants = (schema.anyOf ?? schema.oneOf)?.filter((s) => s.type !== "null");
  if (variants !== undefined && variants.length > 0) {
    const types = new Set(variants.map((v) => scalar(v).type));
    const first = variants[0] as JsonSchema;
    // A union of string formats (date or date-time) is still one string option.
    return types.size === 1
      ? { ...scalar(first), ...(variants.length > 1 ? { format: undefined } : {}) }
      : { type: "json" };
  }
  if (schema.enum?.every((v) => typeof v === "string")) {
    return { type: "string", choices: schema.enum as string[] };
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "string" || type === "number" || type === "integer" || type === "boolean") {
    return {
      type,
      ...(schema.format === undefined || schema.format === "includes" ? {} : { format: schema.format }),
    };
  }
  return { type: "json" };
}

/** The schema itself, or its one non-null variant (a nullable or optional field). */
function unwrap(schema: JsonSchema): JsonSchema {
  const variants = (schema.anyOf ?? schema.oneOf)?.filter((s) => s.type !== "null");
  return variants?.length === 1 ? { ...(variants[0] as JsonSchema), ...schema } : schema;
}

/**
 * A write-only secret. The catalog says so in the description ("write-only", as Graph documents
 * `clientSecret` and key set secrets) or with JSON Schema's `writeOnly`; either way, generically.
 */
function isSecret(schema: JsonSchema): boolean {
  const s = unwrap(schema);
  return s.writeOnly === true || /\bwrite-only\b/i.test(s.description ?? "");
}

/** Bytes carried as base64 text: JSON Schema's `contentEncoding` (zod's `z.base64()`) or a `…Base64` name. */
function isBase64(field: string, schema: JsonSchema): boolean {
  return unwrap(schema).contentEncoding === "base64" || /Base64$/.test(field);
}

/** A union with a string variant (a path or an inline object, say): the option takes text as well as JSON. */
function acceptsText(schema: JsonSchema): boolean {
  return (schema.anyOf ?? schema.oneOf ?? []).some((s) => s.type === "string");
}

function optionSpec(field: string, schema: JsonSchema, required: boolean): OptionSpec {
  const flag = RESERVED.has(kebab(field)) ? `param-${kebab(field)}` : kebab(field);
  const isArray =
    schema.type === "array" && schema.items !== undefined && scalar(schema.items).type !== "json";
  const shape = isArray ? scalar(schema.items as JsonSchema) : scalar(schema);
  return {
    field,
    flag,
    type: shape.type,
    array: isArray,
    required: required && schema.default === undefined,
    ...(shape.choices === undefined ? {} : { choices: shape.choices }),
    ...(schema.maximum === undefined ? {} : { maximum: schema.maximum }),
    ...(schema.default === undefined ? {} : { default: schema.default }),
    ...(schema.description === undefined ? {} : { description: schema.description }),
    ...(shape.format === undefined ? {} : { format: shape.format }),
    ...(shape.type === "string" && isSecret(schema) ? { secret: true } : {}),
    ...(shape.type === "json" && acceptsText(schema) ? { text: true } : {}),
    ...(shape.type === "string" && !isArray && isBase64(field, schema)
      ? { encoding: "base64" as const }
      : {}),
  };
}

const EXAMPLE_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Sample values a reader can run as they are, for flags whose rules a generic value breaks (a
 * two-letter country code, a URL, a file the command reads). Checked against each operation's
 * input rules by test/docs-shell.test.ts.
 */
const SAMPLES: Record<string, string> = {
  "country-code": "US",
  "target-url": "https://contoso.example/api/token-start",
  locale: "fr-FR",
  file: "users.csv",
  dir: "tenant",
  flow: "Customers",
  "poll-token": "'<poll token printed by tenant create>'",
};

/** A value as one shell word: bare when it has no special character, otherwise quoted. */
function shellWord(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return /[$`"\\!]/.test(value) ? `'${value.replaceAll("'", "'\\''")}'` : `"${value}"`;
}

/** A sample value for an example command line. */
function sample(option: OptionSpec): string {
  const known = SAMPLES[option.flag];
  if (known !== undefined) return known.startsWith("'") ? known : shellWord(known);
  if (option.choices !== undefined) return shellWord(option.choices[0] ?? "");
  if (option.format === "uuid" || /-?id$/.test(option.flag) || option.flag === "id") return EXAMPLE_ID;
  if (option.format === "email" || /email|sign-in-name|mail/.test(option.flag)) return "ada@example.com";
  if (option.format === "uri" || /url$/.test(option.flag)) return "https://contoso.example";
  if (option.type === "number" || option.type === "integer") return "10";
  if (option.type === "json") return "'{}'";
  if (option.flag.includes("pem")) return '"$(cat cert.pem)"';
  return shellWord(`Example ${option.flag.replaceAll("-", " ")}`);
}

/**
 * The example command line: the required options with sample values, the operation's entry of
 * EXAMPLE_FLAGS on top, and a secret read from stdin (never on the command line).
 */
function exampleLine(name: string, path: string[], options: OptionSpec[], positional?: string): string {
  const flags = new Map<string, string>();
  for (const o of options.filter((o) => o.required)) {
    if (o.secret === true) flags.set(`${o.flag}-stdin`, "");
    else flags.set(o.flag, sample(o));
  }
  for (const [flag, value] of Object.entries(EXAMPLE_FLAGS[name] ?? {})) flags.set(flag, value);
  const stdin = options.find((o) => flags.has(`${o.flag}-stdin`));
  const variable = stdin?.field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  return [
    ...(variable === undefined ? [] : ["printf %s", `"$${variable}"`, "|"]),
    "ciam",
    ...path,
    ...(positional === undefined ? [] : [positionalSample(options, positional)]),
    ...[...flags].map(([flag, value]) => (value === "" ? `--${flag}` : `--${flag} ${value}`)),
  ].join(" ");
}

/** The positional argument's sample, from its flag's sample. */
function positionalSample(options: OptionSpec[], field: string): string {
  const option = options.find((o) => o.field === field);
  return option === undefined ? shellWord(field) : sample(option);
}

/**
 * The field of a read's result that is a whole list: the one array field of an output whose other
 * fields only identify what was asked (`flowId` of `user_flow_idp_list`, resolved from `--flow`).
 * A `get` keeps its object (a key set's `{ id, keys }`); a paged list prints its `items` anyway.
 */
export function listFieldOf(operation: Operation, verb: string): string | undefined {
  if (operation.access !== "read" || operation.list === true || /(^|-)get$/.test(verb)) return undefined;
  const output = z.toJSONSchema(operation.output, { io: "output", unrepresentable: "any" }) as JsonSchema;
  const fields = Object.entries(output.properties ?? {});
  const arrays = fields.filter(([, s]) => s.type === "array").map(([field]) => field);
  const identifiesOnly = fields.every(
    ([field, s]) => arrays.includes(field) || (s.type === "string" && /^(id|\w+Id)$/.test(field)),
  );
  return arrays.length === 1 && identifiesOnly ? arrays[0] : undefined;
}

/** The command spec of one operation. */
export function commandSpec(operation: Operation): CommandSpec {
  const [group, verb] = cliCommand(operation);
  const schema = z.toJSONSchema(operation.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const required = new Set(schema.required ?? []);
  const notOffered = inputsNotOffered(operation, "cli");
  const writesFiles = hostPathInputs(operation.input)
    .filter((p) => p.access === "write" && /^\w+$/.test(p.path))
    .map((p) => p.path);
  const positional =
    operation.positional === undefined
      ? undefined
      : { field: operation.positional, required: required.has(operation.positional) };
  // The positional argument carries the requirement; its flag stays as an alternative.
  const options = Object.entries(schema.properties ?? {})
    .filter(([field]) => !notOffered.includes(field))
    .map(([field, s]) => optionSpec(field, s, required.has(field) && field !== positional?.field));
  const list = operation.list === true;
  const listField = listFieldOf(operation, verb);
  const example = exampleLine(operation.name, [group, verb], options, positional?.field);
  return {
    operation: operation.name,
    area: operation.area,
    group,
    verb,
    title: operation.title,
    description: operation.description,
    access: operation.access,
    permissions: [...operation.permissions],
    options,
    list,
    ...(listField === undefined ? {} : { listField }),
    ...(operation.binary === undefined ? {} : { binary: operation.binary }),
    ...(notOffered.length === 0 ? {} : { notOffered }),
    ...(writesFiles.length === 0 ? {} : { writesFiles }),
    ...(positional === undefined ? {} : { positional }),
    example,
  };
}

/** The manifest of the whole catalog, in catalog order. */
export function buildManifest(catalog: readonly Operation[] = operations): Manifest {
  return { commands: catalog.map(commandSpec) };
}
