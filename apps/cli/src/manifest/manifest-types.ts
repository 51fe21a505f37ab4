/**
 * The command manifest: everything `ciam` needs to build its command tree, help and completion,
 * derived from the core catalog. It is JSON so that `ciam --help` and completion read one file
 * instead of importing the catalog (zod, HTTP and MSAL code).
 */

/** The value type of one option. `json` takes a JSON text (objects and anything else complex). */
export type OptionType = "string" | "number" | "integer" | "boolean" | "json";

/** One `--flag` of a command, from one field of the operation's input schema. */
export interface OptionSpec {
  /** The input field it fills (camelCase). */
  field: string;
  /** The flag without dashes, kebab-case: `display-name`. */
  flag: string;
  type: OptionType;
  /** Repeatable (`--member-ids a --member-ids b`). */
  array: boolean;
  /** Required unless `--input` gives it. */
  required: boolean;
  choices?: string[] | undefined;
  /** The largest value accepted (numbers), e.g. a list's page size limit. */
  maximum?: number | undefined;
  default?: unknown;
  description?: string | undefined;
  /** Present when the field accepts only this format (e.g. `uuid`, `email`, `date-time`). */
  format?: string | undefined;
  /**
   * A write-only secret (JSON Schema `writeOnly`, or "write-only" in its description): ciam also offers
   * `--<flag>-stdin` so the value stays out of the shell history and the process list.
   */
  secret?: boolean | undefined;
  /** A JSON option that also takes plain text (its schema accepts a string): text not starting like JSON is kept as is. */
  text?: boolean | undefined;
  /** Bytes given base64-encoded (JSON Schema `contentEncoding`, or a `…Base64` field): `@path` reads a file. */
  encoding?: "base64" | undefined;
}

/** One `ciam <group> <verb>` command, from one catalog operation. */
export interface CommandSpec {
  /** The catalog operation name: `user_list`. */
  operation: string;
  area: string;
  group: string;
  verb: string;
  title: string;
  description: string;
  access: "read" | "write" | "destructive";
  permissions: string[];
  options: OptionSpec[];
  /** A list operation (the catalog's `list` marker): `--all` and paging apply, pages stream as they come. */
  list: boolean;
  /**
   * The result field holding a whole list, for a read that answers one (`identityProviders` of
   * `user_flow_idp_list`): the command prints that array, as a paged list prints its items, so every
   * list has one shape in JSON, YAML, TSV and tables (`--query "[].id"`).
   */
  listField?: string | undefined;
  /**
   * The result field carrying file bytes as base64 (the catalog's `binary` marker): a table on a
   * terminal shows their size instead of the text.
   */
  binary?: string | undefined;
  /** Input fields the catalog offers to MCP only: no flag, and refused in `--input`. */
  notOffered?: string[] | undefined;
  /**
   * Input fields naming a file the command writes (the catalog's `hostPath("write")`): given, the
   * command writes a file, so read-only mode refuses it even when the operation only reads the tenant.
   */
  writesFiles?: string[] | undefined;
  /**
   * The input field also given as the command's one positional argument (`ciam user import <file>`):
   * the argument wins over the flag, and one of them is required when the field is.
   */
  positional?: { field: string; required: boolean } | undefined;
  /** A command line showing the required options. */
  example: string;
}

/** The whole manifest. */
export interface Manifest {
  commands: CommandSpec[];
}
