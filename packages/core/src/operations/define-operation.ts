import { z } from "zod";
import type { OperationContext } from "./context.ts";
import { hostPathInputs } from "./host-paths.ts";

/** How much an operation can change: drives MCP annotations, read-only mode and CLI confirmation. */
export type OperationAccess = "read" | "write" | "destructive";

/**
 * The one front end an input field is offered on. `cli`: a convenience of the command line a tool
 * client has no use for; `mcp`: a form only a tool client needs. An input without a surface is offered
 * on both. (A path on the host is not a surface question: declare it with `hostPath()`.)
 */
export type InputSurface = "cli" | "mcp";

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
   * Repeating the call with the same input changes nothing more (PUT, PATCH, DELETE, converging
   * set-ups, adds that report an existing member): MCP's `idempotentHint`, and safe to retry. Reads
   * always are; a write or destructive operation says so explicitly (the catalog test checks it).
   */
  readonly idempotent?: boolean | undefined;
  /**
   * Returns one page: takes `limit` and `cursor`, returns `items` and `nextCursor`. MCP caps the page
   * size; the CLI follows `nextCursor` for `--all` and streams each page as it arrives.
   */
  readonly list?: boolean | undefined;
  /**
   * The output field that carries a file's bytes, base64-encoded (an image, a CSS file): MCP leaves
   * it out of tool results (the bytes are offered as a resource), the CLI can write it to a file.
   */
  readonly binary?: (keyof z.output<O> & string) | undefined;
  /**
   * Input fields offered on one front end only (see {@link InputSurface}); each must be optional, and
   * none is a host path (`hostPath()` inputs follow their own rule: CLI, or MCP with `--files-dir`).
   * The other front end does not list the field and refuses an input that carries it.
   */
  readonly inputSurfaces?: { readonly [K in keyof I["shape"]]?: InputSurface } | undefined;
  /**
   * The input field a command line takes as its one positional argument (`ciam user import <file>`),
   * for inputs that are the obvious object of the verb; it stays settable by name too.
   */
  readonly positional?: string | undefined;
  /**
   * The output field that carries files inline, base64 by path (`config_export`'s branding images),
   * bounded in size by the operation: MCP returns it whole (a cut file is no file).
   */
  readonly inlineFiles?: (keyof z.output<O> & string) | undefined;
  /**
   * A destructive operation that asks for confirmation itself once it knows what it will do (through
   * `ctx.confirmRemovals` with a summary: `config_apply`'s plan), so front ends do not ask their
   * generic question before it; they still refuse it unattended without `--yes`.
   */
  readonly confirmsItself?: boolean | undefined;
  /** Output fields that hold secrets shown once (e.g. a new client secret): callers must not log them. */
  readonly secretOutputFields?: readonly string[] | undefined;
  /**
   * Runs with validated input; returns data matching `output`. (Method syntax on purpose: operations
   * with different schemas then fit in one `Operation[]`.)
   */
  run(ctx: OperationContext, input: z.output<I>): Promise<z.input<O>>;
}

/** The input a caller passes to an operation (before defaults): `OperationInput<typeof listUsersOperation>`. */
export type OperationInput<Op extends Operation> = z.input<Op["input"]>;

/** What running an operation returns (its validated output): `OperationOutput<typeof getUserOperation>`. */
export type OperationOutput<Op extends Operation> = z.output<Op["output"]>;

/** One item of a list operation's pages (its output's `items`): `ListItem<typeof listUsersOperation>`. */
export type ListItem<Op extends Operation> =
  OperationOutput<Op> extends { items: readonly (infer T)[] } ? T : never;

/**
 * The input of a list operation (one that returns `items` and `nextCursor`), or `never` for any other
 * operation, so passing one where a list is expected does not compile.
 */
export type ListInput<Op extends Operation> =
  OperationOutput<Op> extends { items: readonly unknown[]; nextCursor?: string | undefined }
    ? OperationInput<Op>
    : never;

/**
 * Declares an operation, keeping its types. Throws when its markers contradict its schemas (a list
 * without paging fields, a read claimed not idempotent, a binary field the output lacks, a
 * single-surface input that is required or unknown, a host path a surface could not withhold), so a
 * wrong marker fails at import, not in a tool.
 */
export function defineOperation<I extends ObjectSchema, O extends ObjectSchema>(
  definition: Operation<I, O>,
): Operation<I, O> {
  const problems = markerProblems(definition);
  if (problems.length > 0) throw new Error(`Operation ${definition.name}: ${problems.join("; ")}.`);
  return Object.freeze(definition);
}

function markerProblems(op: Operation<ObjectSchema, ObjectSchema>): string[] {
  const input = op.input.shape;
  const output = op.output.shape;
  const problems: string[] = [];
  if (
    op.list === true &&
    !("limit" in input && "cursor" in input && "items" in output && "nextCursor" in output)
  )
    problems.push("a list takes limit and cursor and returns items and nextCursor");
  if (op.access === "read" && op.idempotent === false) problems.push("a read is always idempotent");
  if (op.inlineFiles !== undefined && !(op.inlineFiles in output))
    problems.push(`inline files field ${op.inlineFiles} is not in the output`);
  if (op.confirmsItself === true && op.access !== "destructive")
    problems.push("only a destructive operation confirms itself");
  if (op.binary !== undefined && !(op.binary in output))
    problems.push(`binary field ${op.binary} is not in the output`);
  for (const field of Object.keys(op.inputSurfaces ?? {})) {
    const schema = input[field];
    if (schema === undefined) problems.push(`input surface for unknown field ${field}`);
    else if (!z.safeParse(schema, undefined).success)
      problems.push(`single-surface input ${field} must be optional`);
  }
  for (const path of hostPathInputs(op.input)) {
    // An MCP server without --files-dir (or a read-only one, for a path written to) leaves it out.
    if (!path.droppable) problems.push(`host path ${path.path} must be optional`);
    const top = path.path.split(/[.[]/)[0] ?? "";
    if (op.inputSurfaces?.[top] !== undefined)
      problems.push(`host path ${path.path} takes no input surface (hostPath() decides where it is offered)`);
  }
  return problems;
}

/** The name prefix of an area: its singular in snake_case (`service-principals` → `service_principal`). */
export function areaPrefix(area: string): string {
  return area.replace(/s$/, "").replaceAll("-", "_");
}

/**
 * Command groups named as users say them rather than after the area (`ciam migrate users`, not
 * `ciam migration users`), and the verbs of a group that read as sub-commands (`ciam migrate jit
 * setup` for `migration_jit_setup`): the issue and Microsoft's guides use these words.
 */
const CLI_GROUPS: Readonly<Record<string, { group: string; subgroups: readonly string[] }>> = {
  migration: { group: "migrate", subgroups: ["jit"] },
};

/**
 * The CLI command words of an operation: `user_list` in `users` → `["user", "list"]`,
 * `group_member_add` in `groups` → `["group", "member-add"]`, `migration_jit_setup` in `migration` →
 * `["migrate", "jit setup"]` (a verb of two words is a sub-command of a sub-group).
 */
export function cliCommand(operation: Pick<Operation, "name" | "area">): [string, string] {
  const prefix = areaPrefix(operation.area);
  if (!operation.name.startsWith(`${prefix}_`)) {
    throw new Error(`Operation ${operation.name} does not start with its area prefix ${prefix}_.`);
  }
  const named = CLI_GROUPS[operation.area];
  const verb = operation.name.slice(prefix.length + 1).replaceAll("_", "-");
  const sub = named?.subgroups.find((s) => verb.startsWith(`${s}-`));
  return [
    named?.group ?? prefix.replaceAll("_", "-"),
    sub === undefined ? verb : `${sub} ${verb.slice(sub.length + 1)}`,
  ];
}
