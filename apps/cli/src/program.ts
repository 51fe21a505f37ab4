import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { addCliCommands } from "./commands/cli-commands.ts";
import type { CommandSpec, Manifest, OptionSpec } from "./manifest/manifest-types.ts";
import { OUTPUT_FORMATS } from "./output/formats.ts";
import { packageInfo } from "./package-info.ts";
import { usageLine } from "./run/usage-line.ts";

/** A command whose options are only known at run time (built from the manifest). */
// biome-ignore lint/suspicious/noExplicitAny: commander's typed options cannot describe generated flags.
export type AnyCommand = Command<any, any, any>;

/** What an action needs to run a catalog command; the heavy part is imported only when a command runs. */
export interface CatalogInvocation {
  spec: CommandSpec;
  /** Parsed flags, keyed by input field. */
  fields: Record<string, unknown>;
  /** The secret fields asked to be read from stdin (`--<flag>-stdin`); stdin holds one. */
  stdinFields: string[];
  command: AnyCommand;
}

/** Description of a command group (an area of the catalog). */
function groupDescription(area: string, commands: CommandSpec[]): string {
  return `${area.replaceAll("-", " ")}: ${commands.map((c) => c.verb).join(", ")}`;
}

/** One-line usage errors that say where help is, exit code 2 (commander would exit 1). */
function configureErrors(command: AnyCommand, path: string): void {
  command.configureOutput({
    outputError: (text, write) => write(`${usageLine(text)} (see \`${path} --help\`)\n`),
  });
  command.exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
}

function parseNumber(option: OptionSpec) {
  return (value: string, previous: unknown): unknown => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || (option.type === "integer" && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`expected ${option.type === "integer" ? "an integer" : "a number"}.`);
    }
    if (option.maximum !== undefined && n > option.maximum && option.field !== "limit") {
      throw new InvalidArgumentError(`at most ${option.maximum}.`);
    }
    return option.array ? [...((previous as unknown[] | undefined) ?? []), n] : n;
  };
}

function parseBoolean(value: string | undefined): boolean {
  if (value === undefined || value === "true") return true;
  if (value === "false") return false;
  throw new InvalidArgumentError("expected true or false.");
}

function parseJson(value: string): unknown {
  return parseJsonText(value, false);
}

/** JSON, or (for an option whose schema also takes a string) plain text such as a file path. */
function parseJsonText(value: string, text: boolean): unknown {
  if (text && !/^\s*[[{"]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(
      text ? "expected a JSON object or a path." : 'expected JSON text, e.g. \'{"key":"value"}\'.',
    );
  }
}

/**
 * `@path` for a base64 field: the file's bytes, encoded (as `az` and `m365` take `@file`). Base64 text
 * never starts with `@`, so a value that does is always a path.
 */
function parseBase64(value: string): string {
  if (!value.startsWith("@")) return value;
  const path = value.slice(1);
  try {
    return readFileSync(path).toString("base64");
  } catch (error) {
    throw new InvalidArgumentError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); give @<path of a file> or base64 text.`,
    );
  }
}

/** The flag that reads a secret option's value from stdin. */
export function stdinFlag(option: OptionSpec): string {
  return `${option.flag}-stdin`;
}

/** The commander option of one input field. */
function fieldOption(spec: CommandSpec, option: OptionSpec): Option {
  const placeholder =
    option.choices !== undefined
      ? "value"
      : option.type === "json"
        ? option.text === true
          ? "path|json"
          : "json"
        : option.field;
  const flags =
    option.type === "boolean"
      ? `--${option.flag} [true|false]`
      : `--${option.flag} <${placeholder}${option.array ? "..." : ""}>`;
  const notes = [
    option.description,
    option.required ? "(required)" : undefined,
    spec.positional?.field === option.field ? `(or as the <${option.flag}> argument, which wins)` : undefined,
    option.format === undefined ? undefined : `(${option.format})`,
    option.encoding === "base64" ? "(@path reads a file)" : undefined,
    option.secret === true ? `(secret: prefer --${stdinFlag(option)})` : undefined,
    option.default === undefined || option.field === "limit"
      ? undefined
      : `(default: ${JSON.stringify(option.default)})`,
  ].filter(Boolean);
  const result = new Option(flags, notes.join(" "));
  if (option.choices !== undefined) result.choices(option.choices);
  if (option.type === "number" || option.type === "integer") result.argParser(parseNumber(option));
  else if (option.type === "boolean") result.argParser(parseBoolean);
  else if (option.type === "json" && option.text === true)
    result.argParser((value: string) => parseJsonText(value, true));
  else if (option.type === "json") result.argParser(parseJson);
  else if (option.encoding === "base64") result.argParser(parseBase64);
  if (spec.list && option.field === "limit") {
    result.description = "Stop after this many items, reading as many pages as needed.";
  }
  return result;
}

/** Adds `ciam <group> <verb>` for every command of the manifest. */
function addCatalogCommands(program: AnyCommand, manifest: Manifest): void {
  const groups = new Map<string, CommandSpec[]>();
  for (const spec of manifest.commands) groups.set(spec.group, [...(groups.get(spec.group) ?? []), spec]);
  for (const [group, specs] of groups) {
    const parent = program.command(group).description(groupDescription(specs[0]?.area ?? group, specs));
    configureErrors(parent, `ciam ${group}`);
    for (const spec of specs) {
      // A verb of two words (`jit setup`) is a command of a sub-group (`ciam migrate jit setup`).
      const words = spec.verb.split(" ");
      const leafName = words.at(-1) ?? spec.verb;
      const home = words.length === 1 ? parent : subgroup(parent, words[0] ?? "", `ciam ${group}`, specs);
      const leaf = home
        .command(leafName)
        .summary(spec.title)
        .description(`${spec.title}.\n\n${spec.description}`);
      configureErrors(leaf, `ciam ${group} ${spec.verb}`);
      const positional = spec.positional;
      if (positional !== undefined) {
        const option = spec.options.find((o) => o.field === positional.field);
        const name = option?.flag ?? positional.field;
        // Optional for commander, so that --<flag> can stand in; the action checks that one was given.
        leaf.argument(`[${name}]`, option?.description ?? "");
        leaf.usage(positional.required ? `[options] <${name}>` : `[options] [${name}]`);
      }
      for (const option of spec.options) {
        leaf.addOption(fieldOption(spec, option));
        if (option.secret === true) {
          leaf.option(`--${stdinFlag(option)}`, `read --${option.flag} from stdin (keeps it out of history)`);
        }
      }
      leaf.option(
        "--input <file|->",
        "the whole input as JSON, from a file or - for stdin; flags override it",
      );
      if (spec.list) leaf.option("--all", "read every page");
      const access =
        spec.access === "read"
          ? "read"
          : spec.access === "write"
            ? "write (refused with --read-only)"
            : "destructive (asks for confirmation on a terminal; --yes to skip; refused with --read-only)";
      leaf.addHelpText(
        "after",
        `\nAccess: ${access}\nPermissions: ${spec.permissions.join(", ") || "none"}\n\nExample:\n  ${spec.example}\n`,
      );
      leaf.action(async (...args: unknown[]) => {
        // commander passes the positional argument (when declared) first, the command last.
        const command = args.at(-1) as AnyCommand;
        const values = command.opts() as Record<string, unknown>;
        const fields: Record<string, unknown> = {};
        for (const option of command.options) {
          const key = option.attributeName();
          const field = spec.options.find((o) => `--${o.flag}` === option.long)?.field;
          if (field !== undefined && values[key] !== undefined) fields[field] = values[key];
        }
        if (spec.positional !== undefined && typeof args[0] === "string") {
          fields[spec.positional.field] = args[0];
        }
        const stdinFields = spec.options
          .filter((o) => o.secret === true && command.getOptionValue(camel(stdinFlag(o))) === true)
          .map((o) => o.field);
        const { runCatalogCommand } = await import("./run/run-catalog-command.ts");
        await runCatalogCommand({ spec, fields, stdinFields, command });
      });
    }
  }
}

/** The sub-group `name` of a command group, made on first use (`ciam migrate jit`). */
function subgroup(parent: AnyCommand, name: string, path: string, specs: CommandSpec[]): AnyCommand {
  const found = parent.commands.find((c) => c.name() === name) as AnyCommand | undefined;
  if (found !== undefined) return found;
  const verbs = specs.filter((s) => s.verb.startsWith(`${name} `)).map((s) => s.verb.slice(name.length + 1));
  const made = parent.command(name).description(`${name}: ${verbs.join(", ")}`) as AnyCommand;
  configureErrors(made, `${path} ${name}`);
  return made;
}

/** `client-secret-stdin` → `clientSecretStdin`, commander's attribute name of a flag. */
function camel(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Builds the `ciam` command tree: the catalog's commands from the manifest, and ciam's own. */
export function createProgram(manifest: Manifest): AnyCommand {
  const program: AnyCommand = new Command("ciam")
    .description(
      "Manage Microsoft Entra External ID tenants through Microsoft Graph and Azure Resource Manager.",
    )
    .version(packageInfo.version, "-v, --version", "print the version of ciam")
    .addOption(
      new Option("-o, --output <format>", "table on a terminal, json otherwise").choices(OUTPUT_FORMATS),
    )
    .option("--query <jmespath>", "JMESPath query applied to the result, as in the Azure CLI")
    .option("--profile <name>", "sign-in profile to use (default: the current one)")
    .option("--emulator", "run against the embedded emulator and its demo tenant (state kept between runs)")
    .option("--read-only", "refuse every command that changes something")
    .option("-y, --yes", "do not ask for confirmation before destructive commands")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true });
  configureErrors(program, "ciam");
  addCatalogCommands(program, manifest);
  addCliCommands(program);
  // The command list alone does not say how to begin: a newcomer has neither a tenant nor a profile.
  program.addHelpText(
    "after",
    [
      "",
      "Get started:",
      "  ciam --emulator user list                      try it on the embedded demo tenant, no account needed",
      "  ciam login --tenant <id> --client-id <app id>  sign in to your tenant (or set AZURE_* variables)",
      "  ciam <area> <verb> --help                      options, permissions needed and an example",
    ].join("\n"),
  );
  return program;
}
