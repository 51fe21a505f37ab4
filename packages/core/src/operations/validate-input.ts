import type { z } from "zod";
import { InputError } from "../input-error.ts";
import type { ObjectSchema, Operation } from "./define-operation.ts";
import { droppedFields, type UnknownField, unknownFieldIssue, unknownFields } from "./unknown-fields.ts";

/** One problem the schema found: where (`path`, empty for the input itself) and what. */
export interface InputIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Thrown when an operation's input does not match its schema, carries a field the schema does not
 * have (at any depth), or holds a value found unusable while running (an {@link InputError}); nothing
 * has been sent for it.
 */
export class InvalidInputError extends InputError {
  override readonly name = "InvalidInputError";
  /** One line per problem: `path: message`. */
  readonly issues: readonly string[];
  /** The fields the operation does not take, with the known field each was probably meant to be. */
  readonly unknownFields: readonly UnknownField[];
  /** The schema's problems with the input, by path (empty when the error is about unknown fields). */
  readonly schemaIssues: readonly InputIssue[];
  constructor(
    operation: string,
    issues: readonly string[],
    found: { unknownFields?: readonly UnknownField[]; schemaIssues?: readonly InputIssue[] } = {},
  ) {
    super(`Invalid input for ${operation}: ${issues.join("; ")}`);
    this.issues = issues;
    this.unknownFields = found.unknownFields ?? [];
    this.schemaIssues = found.schemaIssues ?? [];
  }
}

/** Inputs {@link validateInput} returned: {@link runOperation} runs them without parsing them again. */
const validated = new WeakSet<object>();

/**
 * Validates an operation's input once, for every front end: a field the operation does not take is
 * refused first (at the top with a did-you-mean, then at any depth: zod drops unknown keys, so a
 * misspelt `jobTitel` would succeed without the change), then the schema's problems are reported.
 * Throws {@link InvalidInputError}; returns the parsed input, which `runOperation` (and `client.run`)
 * then runs as it is. `schema` is the operation's input schema or a front end's variant of it (MCP's
 * smaller page size).
 */
export function validateInput<I extends ObjectSchema>(
  operation: Pick<Operation<I>, "name" | "input">,
  input: unknown,
  options: { schema?: ObjectSchema | undefined } = {},
): z.output<I> {
  const schema = options.schema ?? operation.input;
  const known = Object.keys(schema.shape);
  const unknown = unknownFields(known, input);
  if (unknown.length > 0) throw unknownFieldsError(operation.name, unknown, known);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const schemaIssues = parsed.error.issues.map(({ path, message }) => ({ path, message }));
    throw new InvalidInputError(
      operation.name,
      schemaIssues.map(({ path, message }) => `${path.map(String).join(".") || "(input)"}: ${message}`),
      { schemaIssues },
    );
  }
  const nested = droppedFields(input, parsed.data, schema);
  if (nested.length > 0) throw unknownFieldsError(operation.name, nested, known);
  validated.add(parsed.data);
  return parsed.data as z.output<I>;
}

function unknownFieldsError(operation: string, fields: UnknownField[], known: readonly string[]) {
  return new InvalidInputError(
    operation,
    fields.map((f) => unknownFieldIssue(f, known)),
    { unknownFields: fields },
  );
}

/** True when `input` is what {@link validateInput} returned (or {@link revisedInput} made of it). */
export function isValidatedInput(input: unknown): boolean {
  return typeof input === "object" && input !== null && validated.has(input);
}

/**
 * A validated input with values a front end resolved in place of what the caller gave (a short
 * cursor swapped for core's, a file name for its real path): `{ ...input, ...changes }`, still run
 * without parsing again. The changes are the front end's responsibility; `input` must come from
 * {@link validateInput}.
 */
export function revisedInput<T extends object>(input: T, changes: Partial<T>): T {
  if (!validated.has(input)) throw new Error("revisedInput takes an input validateInput returned");
  const revised = { ...input, ...changes };
  validated.add(revised);
  return revised;
}
