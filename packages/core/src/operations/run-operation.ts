import type { z } from "zod";
import { PermissionError, withRequiredPermissions } from "../http/errors.ts";
import { InputError } from "../input-error.ts";
import type { OperationContext } from "./context.ts";
import type { ObjectSchema, Operation } from "./define-operation.ts";
import { InvalidInputError, isValidatedInput, validateInput } from "./validate-input.ts";

// Where the operations' files import it from; it lives with the validation.
export { InvalidInputError };

/**
 * Validates the input (unless {@link validateInput} already did), runs the operation, and validates
 * and shapes its output: fields the output schema does not name are dropped, its defaults applied. A
 * 403 from the service is turned into a {@link PermissionError} naming the operation's permissions,
 * and an {@link InputError} found while running into an {@link InvalidInputError} naming the operation.
 */
export async function runOperation<I extends ObjectSchema, O extends ObjectSchema>(
  operation: Operation<I, O>,
  ctx: OperationContext,
  input: unknown,
): Promise<z.output<O>> {
  const parsed = isValidatedInput(input) ? (input as z.output<I>) : validateInput(operation, input);
  try {
    const result = await operation.run(ctx, parsed);
    return operation.output.parse(result);
  } catch (error) {
    if (error instanceof PermissionError) throw withRequiredPermissions(error, operation.permissions);
    if (error instanceof InputError && !(error instanceof InvalidInputError)) {
      throw new InvalidInputError(operation.name, [error.message]);
    }
    throw error;
  }
}
