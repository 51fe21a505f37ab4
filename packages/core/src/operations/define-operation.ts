import type { z } from "zod";
import type { OperationContext } from "./context.ts";

/** How much an operation can change: drives MCP annotations, read-only mode and CLI confirmation. */
export type OperationAccess = "read" | "write" | "destructive";

/** A zod object schema (operation inputs and outputs are always objects, so they map to MCP and CLI flags). */
export type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** One catalog entry: data describing the operation, plus the function that runs it. */
export interface Operation<I extends ObjectSchema = ObjectSchema, O extends ObjectSchema = ObjectSchema> {
  /** snake_case `<area>_<verb>`, e.g. `user_list`: the MCP tool name; the CLI command is `<area> <verb>`. */
  readonly name: string;
  /** The toolset / command group, kebab-case, e.g. `users`. */
  readonly area: string;
  /** A short title for humans. */
  readonly title: string;
  /** For a model and a human: what it does, when to use it, what it returns. */
  readonly description: string;
  readonly access: OperationAccess;
  /** Least-privileged Graph/ARM permissions (any one suffices), shown in errors and docs. */
  readonly permissions: readonly string[];
  readonly input: I;
  readonly output: O;
  /** Runs with validated input; returns data matching `output`. */
  readonly run: (ctx: OperationContext, input: z.output<I>) => Promise<z.input<O>>;
}

/** Declares an operation; the identity function that keeps its types. */
export function defineOperation<I extends ObjectSchema, O extends ObjectSchema>(
  definition: Operation<I, O>,
): Operation<I, O> {
  return Object.freeze(definition);
}

/** The CLI command words of an operation: `user_list` → `["user", "list"]`, `app_password_add` → `["app", "password-add"]`. */
export function cliCommand(operation: Pick<Operation, "name">): [string, string] {
  const [area = "", ...verb] = operation.name.split("_");
  return [area.replaceAll("_", "-"), verb.join("-")];
}
