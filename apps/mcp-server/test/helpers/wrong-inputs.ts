import fc from "fast-check";
import { sampleInput } from "./sample-input.ts";

type Schema = Record<string, unknown>;

/** One generated call: what is wrong with it, the arguments, and whether the tool must refuse it. */
export interface WrongInput {
  label: string;
  args: unknown;
  /**
   * True when no tool may accept it (wrong type, missing field, unknown field, …). False for hostile
   * but well-typed values a read tool may answer (a search for `x' or 1 eq 1` can find nothing).
   */
  mustFail: boolean;
}

/** 1 MiB: far past any field's limit; one string shared by every call. */
export const HUGE = "A".repeat(1024 * 1024);

/** Values an attacker puts in ids and search strings: traversal, control characters, OData injection. */
export const HOSTILE_STRINGS = [
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "x\u0000y\r\nX-Injected: 1",
  "x' or 1 eq 1",
  "') or (1 eq 1",
  "$filter=startswith(displayName,'a')&$top=999",
  "00000000-0000-0000-0000-000000000000/../../users",
];

/**
 * Field names no tool takes. (`__proto__` never reaches a tool: the SDK's request schema, a zod
 * record, drops it, so the prototype of the arguments cannot be set from a request.)
 */
const UNKNOWN_FIELDS = ["unexpectedField", "constructor", "$filter", "jobTitel"];

/** A value of each JSON type, to put where the schema wants another. */
const TYPED_VALUES: [string, unknown][] = [
  ["number", 12345],
  ["string", "not-the-right-type"],
  ["boolean", true],
  ["object", { nested: { deeper: 1 } }],
  ["array", [1, "two"]],
  ["null", null],
];

/**
 * Wrong inputs for one tool, from its full input JSON Schema: for every required field a call without
 * it; for every field a value of a type it does not take; for every string field 1 MiB; for every
 * id-like field each hostile string; hostile strings in the other string fields of a read tool; an
 * unknown field; arguments that are not an object; then `random` seeded mixes of all of these, each
 * with at least one thing no tool may accept.
 */
export function wrongInputs(
  schema: Schema,
  options: { read: boolean; seed: number; random: number },
): WrongInput[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const valid = sampleInput(schema) as Record<string, unknown>;
  // Host paths (`file`, `saveTo`, …) are fuzzed too: without --files-dir the server refuses any path,
  // so none of these calls reads or writes a file.
  const keys = Object.keys(properties);
  const cases: WrongInput[] = [];
  const add = (label: string, args: unknown, mustFail = true) => {
    cases.push({ label, args, mustFail });
  };
  const rng = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), {
    seed: options.seed,
    numRuns: keys.length + 1,
  });

  for (const key of required) add(`without ${key}`, without(valid, key));
  keys.forEach((key, i) => {
    const property = properties[key] as Schema;
    const wrong = TYPED_VALUES.filter(([type]) => !accepts(property, type));
    const pick = wrong[(rng[i] ?? 0) % Math.max(1, wrong.length)];
    if (pick !== undefined) add(`${key} as ${pick[0]}`, { ...valid, [key]: pick[1] });
    if (Array.isArray(property.enum)) add(`${key} outside its enum`, { ...valid, [key]: "not_an_option" });
    if (!accepts(property, "string")) return;
    add(`${key} of 1 MiB`, { ...valid, [key]: HUGE });
    const idLike = isIdLike(key, property);
    if (!idLike && !options.read) return;
    for (const hostile of HOSTILE_STRINGS) {
      add(`${key} = ${JSON.stringify(hostile)}`, { ...valid, [key]: hostile }, idLike && !options.read);
    }
  });
  for (const field of UNKNOWN_FIELDS)
    add(`unknown field ${field}`, withOwn(valid, field, { injected: true }));
  add("arguments not an object", ["not", "an", "object"]);

  const mixes = fc.sample(mixArbitrary(properties, keys, required, valid), {
    seed: options.seed,
    numRuns: options.random,
  });
  for (const [i, mix] of mixes.entries()) add(`random mix ${i + 1}: ${mix.label}`, mix.args);
  return cases;
}

/** A mix: every field kept, dropped, or given a hostile or random value, plus one sure fault. */
function mixArbitrary(
  properties: Record<string, Schema>,
  keys: string[],
  required: string[],
  valid: Record<string, unknown>,
): fc.Arbitrary<{ label: string; args: Record<string, unknown> }> {
  const value = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const fields = fc.tuple(...keys.map(() => fc.option(value, { nil: undefined, freq: 2 })));
  const wrongTyped = keys.flatMap((key) =>
    TYPED_VALUES.filter(([type]) => !accepts(properties[key] as Schema, type)).map(
      ([type, v]) => [`${key} as ${type}`, key, v] as const,
    ),
  );
  const faults: fc.Arbitrary<readonly [string, string, unknown]>[] = [
    fc.constantFrom(...UNKNOWN_FIELDS).map((f) => [`unknown field ${f}`, f, { injected: true }] as const),
  ];
  if (wrongTyped.length > 0) faults.push(fc.constantFrom(...wrongTyped));
  if (required.length > 0)
    faults.push(fc.constantFrom(...required).map((k) => [`without ${k}`, k, DROP] as const));
  return fc.tuple(fields, fc.oneof(...faults)).map(([values, [label, key, faulty]]) => {
    const args: Record<string, unknown> = { ...valid };
    keys.forEach((k, i) => {
      if (values[i] !== undefined) args[k] = values[i];
    });
    if (faulty === DROP) delete args[key];
    else
      Object.defineProperty(args, key, {
        value: faulty,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return { label, args };
  });
}

const DROP = Symbol("drop");

/** Whether a value of JSON type `type` can satisfy the schema (undefined type information: any). */
function accepts(schema: Schema, type: string): boolean {
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(branches)) return branches.some((b) => accepts(b, type));
  if (Array.isArray(schema.enum)) return schema.enum.some((v) => jsonType(v) === type);
  if ("const" in schema) return jsonType(schema.const) === type;
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type === undefined
      ? undefined
      : [schema.type];
  if (types === undefined) return true;
  return types.some((t) => t === type || (t === "integer" && type === "number"));
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Fields that name an object in a URL path: a hostile value must find nothing. */
function isIdLike(key: string, schema: Schema): boolean {
  return (
    key === "id" || /Id$/.test(key) || ["flow", "locale", "name"].includes(key) || schema.format === "uuid"
  );
}

function without(args: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = args;
  return rest;
}

/** `args` with an own property `key`, even `__proto__` (as JSON.parse of a request would make it). */
function withOwn(args: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...args };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
