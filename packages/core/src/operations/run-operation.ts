import type { z } from "zod";
import { PermissionError, withRequiredPermissions } from "../http/errors.ts";
import { InputError } from "../input-error.ts";
import type { OperationContext } from "./context.ts";
import type { ObjectSchema, Operation } from "./define-operation.ts";
import { unknownFieldIssues } from "./unknown-fields.ts";

/**
 * Thrown when an operation's input does not match its schema, carries a field the schema does not
 * have, or holds a value found unusable while running (an {@link InputError}); nothing has been sent
 * for it.
 */
export class InvalidInputError extends InputError {
  override readonly name = "InvalidInputError";
  /** One line per problem: `path: message`. */
  readonly issues: readonly string[];
  constructor(operation: string, issues: readonly string[]) {
    super(`Invalid input for ${operation}: ${issues.join("; ")}`);
    this.issues = issues;
  }
}

/**
 * Validates the input, runs the operation, and validates and shapes its output. A 403 from the
 * service is turned into a {@link PermissionError} naming the operation's permissions.
 */
export async function runOperation<I extends ObjectSchema, O extends ObjectSchema>(
  operation: Operation<I, O>,
  ctx: OperationContext,
  input: unknown,
): Promise<z.output<O>> {
  const unknown = unknownFieldIssues(Object.keys(operation.input.shape), input);
  if (unknown.length > 0) throw new InvalidInputError(operation.name, unknown);
  const parsed = operation.input.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(
      operation.name,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(input)"}: ${issue.message}`),
    );
  }
  try {
    const result = await operation.run(ctx, parsed.data);
    return operation.output.parse(result);
  } catch (error) {
    if (error instanceof PermissionError) throw withRequiredPermissions(error, operation.permissions);
    if (error instanceof InputError && !(error instanceof InvalidInputError)) {
      throw new InvalidInputError(operation.name, [error.message]);
    }
    throw error;
  }
}
