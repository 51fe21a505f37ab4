import { closestMatch } from "leven";
import type { z } from "zod";

/** One input field no schema field is named like, and the field it was probably meant to be. */
export interface UnknownField {
  /** The field's path: `jobTitel` at the top, `default.backgroundColr` or `items[0].extra` inside. */
  field: string;
  /** The known field closest in spelling (a typo or a case slip), when one is close enough. */
  suggestion?: string | undefined;
}

/**
 * The top-level fields of `input` that are not among `known` (fields set to `undefined` count as
 * absent). Zod drops unknown keys, so without this check `jobTitel` would be ignored in silence and
 * the call would succeed without the change.
 */
export function unknownFields(known: readonly string[], input: unknown): UnknownField[] {
  if (!isPlainObject(input)) return [];
  return Object.entries(input)
    .filter(([field, value]) => value !== undefined && !known.includes(field))
    .map(([field]) => withSuggestion(field, field, known));
}

/**
 * The fields anywhere inside `input` that parsing dropped because the schema does not know them
 * (`page.colour`, `items[0].extra`), found by comparing the input with what `schema` parsed it into;
 * a suggestion comes from the fields of the object schema at that place, when it is one.
 */
export function droppedFields(input: unknown, parsed: unknown, schema?: z.core.$ZodType): UnknownField[] {
  return dropped(input, parsed, schema, "");
}

type Schema = z.core.$ZodType;

function dropped(input: unknown, parsed: unknown, schema: Schema | undefined, at: string): UnknownField[] {
  const def = unwrap(schema)?._zod.def as { type: string; element?: Schema; shape?: Record<string, Schema> };
  if (Array.isArray(input) && Array.isArray(parsed) && input.length === parsed.length) {
    const element = def?.type === "array" ? def.element : undefined;
    return input.flatMap((value, i): UnknownField[] => dropped(value, parsed[i], element, `${at}[${i}]`));
  }
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  const shape = def?.type === "object" ? def.shape : undefined;
  return Object.entries(input).flatMap(([key, value]): UnknownField[] => {
    const path = at === "" ? key : `${at}.${key}`;
    if (Object.hasOwn(parsed, key)) return dropped(value, parsed[key], shape?.[key], path);
    if (value === undefined) return [];
    return [shape === undefined ? { field: path } : withSuggestion(path, key, Object.keys(shape))];
  });
}

/** The schema inside optional, nullable, default, readonly and pipe wrappers (the object or array that parses the value). */
function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe") current = def.in;
    else return current;
  }
  return current;
}

function withSuggestion(path: string, field: string, known: readonly string[]): UnknownField {
  // Two edits (a swapped pair of letters) from four letters on, a third of longer names: typos are
  // caught without pairing unrelated short names (`x` is not `id`).
  const maxDistance = field.length < 4 ? 1 : Math.max(2, Math.floor(field.length / 3));
  const suggestion =
    known.find((k) => k.toLowerCase() === field.toLowerCase()) ?? closestMatch(field, known, { maxDistance });
  return suggestion === undefined ? { field: path } : { field: path, suggestion };
}

/** `field: not an input field (did you mean x?)` for each unknown field (the known ones listed when none is close). */
export function unknownFieldIssues(known: readonly string[], input: unknown): string[] {
  return unknownFields(known, input).map((field) => unknownFieldIssue(field, known));
}

/** One unknown field as an issue line; `known` (the top-level fields) is listed for a top-level field with no suggestion. */
export function unknownFieldIssue({ field, suggestion }: UnknownField, known: readonly string[]): string {
  if (suggestion !== undefined) return `${field}: not an input field (did you mean ${suggestion}?)`;
  return /[.[]/.test(field)
    ? `${field}: not an input field`
    : `${field}: not an input field (the fields are ${known.join(", ")})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
