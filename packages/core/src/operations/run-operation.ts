import type { z } from "zod";
import { PermissionError, withRequiredPermissions } from "../http/errors.ts";
import type { OperationContext } from "./context.ts";
import type { ObjectSchema, Operation } from "./define-operation.ts";

/** Thrown when an operation's input does not match its schema; nothing has been sent. */
export class InvalidInputError extends Error {
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
    throw error;
  }
}
