import type { z } from "zod";
import type { OperationContext } from "./context.ts";

/** How much an operation can change: drives MCP annotations, read-only mode and CLI confirmation. */
export type OperationAccess = "read" | "write" | "destructive";

/** A zod object schema (operation inputs and outputs are always objects, so they map to MCP and CLI flags). */
export type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** One catalog entry: data describing the operation, plus the function that runs it. */
export interface Operation<I extends ObjectSchema = ObjectSchema, O extends ObjectSchema = ObjectSchema> {
  /**
   * snake_case `<area>_<verb>`, where `<area>` is the singular of {@link Operation.area} (`users` →
   * `user`, `service-principals` → `service_principal`) and `<verb>` may have several words
   * (`member_add`): the MCP tool name; the CLI command is `ciam <area> <verb>` in kebab-case.
   */
  readonly name: string;
  /** The toolset / command group, kebab-case, usually plural: `users`, `service-principals`, `organization`. */
  readonly area: string;
  /** A short title for humans. */
  readonly title: string;
  /** For a model and a human: what it does, when to use it, what it returns. */
  readonly description: string;
  readonly access: OperationAccess;
  /** The least-privileged Graph/ARM application permissions the operation needs (all of them), shown in errors and docs. */
  readonly permissions: readonly string[];
  readonly input: I;
  readonly output: O;
  /**
   * The input field a command line takes as its one positional argument (`ciam user import <file>`),
   * for inputs that are the obvious object of the verb; it stays settable by name too.
   */
  readonly positional?: string | undefined;
  /** Output fields that hold secrets shown once (e.g. a new client secret): callers must not log them. */
  readonly secretOutputFields?: readonly string[] | undefined;
  /**
   * Runs with validated input; returns data matching `output`. (Method syntax on purpose: operations
   * with different schemas then fit in one `Operation[]`.)
   */
  run(ctx: OperationContext, input: z.output<I>): Promise<z.input<O>>;
}

/** Declares an operation; the identity function that keeps its types. */
export function defineOperation<I extends ObjectSchema, O extends ObjectSchema>(
  definition: Operation<I, O>,
): Operation<I, O> {
  return Object.freeze(definition);
}

/** The name prefix of an area: its singular in snake_case (`service-principals` → `service_principal`). */
export function areaPrefix(area: string): string {
  return area.replace(/s$/, "").replaceAll("-", "_");
}

/**
 * The CLI command words of an operation: `user_list` in `users` → `["user", "list"]`,
 * `group_member_add` in `groups` → `["group", "member-add"]`.
 */
export function cliCommand(operation: Pick<Operation, "name" | "area">): [string, string] {
  const prefix = areaPrefix(operation.area);
  if (!operation.name.startsWith(`${prefix}_`)) {
    throw new Error(`Operation ${operation.name} does not start with its area prefix ${prefix}_.`);
  }
  return [prefix.replaceAll("_", "-"), operation.name.slice(prefix.length + 1).replaceAll("_", "-")];
}
