import type { Operation, RemovalRequest } from "@ciamkit/core";
import type { CommandOptions } from "../global-options.ts";
import { defaultFormat, type OutputFormat } from "../output/formats.ts";
import { createListWriter } from "../output/list-writer.ts";
import { render, validateQuery } from "../output/render.ts";
import { TABLE_VIEWS } from "../output/table-views.ts";
import type { CatalogInvocation } from "../program.ts";
import { createProgress, type ProgressReporter } from "../terminal/progress.ts";
import { confirmDestructive, confirmRemovalsOnTerminal } from "./confirm-destructive.ts";
import { detailedExitCode, detailedFailureCode } from "./detailed-exit-code.ts";
import { EXIT, type ExitCode, UsageError } from "./exit-codes.ts";
import { fail } from "./fail.ts";
import { invalidExitCode } from "./invalid-exit-code.ts";
import { readInput, readSecretFromStdin } from "./read-input.ts";
import { openSession, type Session } from "./session.ts";

type Core = typeof import("@ciamkit/core");

const PAGE_SIZE = 100;

/**
 * The one seam every catalog command goes through: input from flags and `--input`, validation,
 * `--read-only`, confirmation, sign-in, paging, output and the exit code. Everything that can be
 * checked locally is checked before the first request.
 */
export async function runCatalogCommand({
  spec,
  fields,
  stdinFields,
  command,
}: CatalogInvocation): Promise<void> {
  const globals = command.optsWithGlobals() as CommandOptions;
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort(new DOMException("cancelled", "AbortError"));
  };
  process.on("SIGINT", onSigint);
  let session: Session | undefined;
  let progress: ProgressReporter | undefined;
  try {
    const format: OutputFormat = globals.output ?? defaultFormat(process.stdout.isTTY === true);
    if (globals.query !== undefined) validateQuery(globals.query);
    const path = `ciam ${spec.group} ${spec.verb}`;
    const readOnly = globals.readOnly === true || truthy(process.env.CIAM_READ_ONLY);
    if (spec.access !== "read" && readOnly) {
      throw new UsageError(`refused: \`${path}\` changes the tenant and read-only mode is on`);
    }
    const input: Record<string, unknown> = {
      ...(globals.input === undefined ? {} : await readInput(globals.input)),
      ...fields,
    };
    if (stdinFields.length > 1) {
      const flags = stdinFields.map((f) => `--${spec.options.find((o) => o.field === f)?.flag ?? f}-stdin`);
      throw new UsageError(
        `${flags.join(" and ")} would all read stdin; pipe in one, pass the others in --input`,
      );
    }
    const stdinField = stdinFields[0];
    if (stdinField !== undefined)
      input[stdinField] = await readSecretFromStdin(
        spec,
        stdinField,
        globals.input,
        fields[stdinField] !== undefined,
      );
    // Ctrl-C while stdin was read also ends a producer early: never go on with what it sent so far.
    controller.signal.throwIfAborted();
    // An operation that writes a file is not a read, whatever it does to the tenant.
    const written = (spec.writesFiles ?? []).filter((field) => input[field] !== undefined);
    if (written.length > 0 && readOnly) {
      const flags = written.map((f) => `--${spec.options.find((o) => o.field === f)?.flag ?? f}`);
      throw new UsageError(
        `refused: \`${path}\` writes a file (${flags.join(", ")}) and read-only mode is on; leave it out to print the result`,
      );
    }
    const mcpOnly = (spec.notOffered ?? []).filter((field) => input[field] !== undefined);
    if (mcpOnly.length > 0) {
      throw new UsageError(
        `${mcpOnly.join(", ")} in --input is offered to MCP clients only (see \`${path} --help\`)`,
      );
    }
    const positional = spec.positional;
    if (positional?.required === true && input[positional.field] === undefined) {
      const flag = spec.options.find((o) => o.field === positional.field)?.flag ?? positional.field;
      throw new UsageError(`missing the <${flag}> argument: \`${path} <${flag}>\` (or --${flag})`);
    }
    for (const option of spec.options) {
      if (option.required && input[option.field] === undefined) {
        throw new UsageError(`missing required option --${option.flag} (or "${option.field}" in --input)`);
      }
    }
    const total = spec.list ? (input.limit as number | undefined) : undefined;
    if (total !== undefined && (!Number.isInteger(total) || total < 1)) {
      throw new UsageError("--limit must be a whole number of at least 1");
    }
    // One call per Graph page (100 items is Graph's default page size), so each page is printed as it arrives.
    const pageMax = Math.min(PAGE_SIZE, spec.options.find((o) => o.field === "limit")?.maximum ?? PAGE_SIZE);
    if (spec.list && total !== undefined) input.limit = Math.min(total, pageMax);
    else if (spec.list && globals.all === true) input.limit = pageMax;

    const core: Core = await import("@ciamkit/core");
    const operation = core.getOperation(spec.operation);
    if (operation === undefined)
      throw new Error(`the catalog has no operation ${spec.operation}; rebuild ciam`);
    // Validated once, by core: the operation runs this input without parsing it again.
    const valid = validInput(core, operation, spec, input, path);
    // A dry run removes nothing, so it runs unattended without --yes (`user bulk-delete --dry-run`).
    if (
      spec.access === "destructive" &&
      globals.yes !== true &&
      valid.dryRun !== true &&
      !(process.stdin.isTTY && process.stderr.isTTY)
    ) {
      throw new UsageError(
        `\`${path}\` removes data and there is no terminal to confirm on; pass --yes to run it unattended`,
      );
    }

    session = await openSession(core, {
      emulator: globals.emulator,
      profile: globals.profile,
      signal: controller.signal,
    });
    // An operation that confirms itself (config apply) asks once it knows what it will do.
    if (spec.access === "destructive" && globals.yes !== true && operation.confirmsItself !== true) {
      const go = await confirmDestructive(core, session, operation, valid, spec, controller.signal);
      if (!go) {
        process.stderr.write("Nothing was changed.\n");
        process.exitCode = EXIT.usage;
        return;
      }
    }
    const write = (text: string) => void process.stdout.write(text);
    const width = process.stdout.isTTY === true ? process.stdout.columns : undefined;
    progress = await createProgress();
    const bar = progress;
    const runOptions = {
      signal: controller.signal,
      onProgress: progress.update,
      confirmRemovals: (request: RemovalRequest) =>
        confirmRemovalsOnTerminal(request, {
          path,
          yes: globals.yes === true,
          signal: controller.signal,
          beforeAsking: () => bar.stop(),
        }),
    };
    if (spec.list) {
      process.exitCode = await runList(core, session, operation, valid, {
        all: globals.all === true,
        total,
        writer: createListWriter(format, write, {
          query: globals.query,
          width,
          view: TABLE_VIEWS[spec.operation],
        }),
        runOptions,
      });
    } else {
      const result = await session.client.run(operation, valid, runOptions);
      progress.stop();
      // A read answering a whole list prints the list, the shape of every list (`--query "[].id"`).
      const listed =
        spec.listField === undefined ? result : (result as Record<string, unknown>)[spec.listField];
      const shown = format === "table" ? withoutBytes(listed, spec.binary) : listed;
      write(render(shown, { format, query: globals.query, width }));
      process.exitCode = hasFailedItems(result)
        ? EXIT.partial
        : (detailedExitCode(fields, result) ?? invalidExitCode(result) ?? EXIT.success);
    }
  } catch (error) {
    progress?.stop();
    fail(error, controller.signal.aborted);
    process.exitCode = detailedFailureCode(fields, process.exitCode as number | undefined);
  } finally {
    process.off("SIGINT", onSigint);
    await session?.close().catch(() => {});
  }
}

interface ListOptions {
  all: boolean;
  total: number | undefined;
  writer: ReturnType<typeof createListWriter>;
  runOptions: { signal: AbortSignal; onProgress: (p: { message: string }) => void };
}

/**
 * Reads pages until `--limit` items, the last page (`--all`), or one page by default, writing each
 * page as it arrives. A failure after some pages ends the output cleanly and exits 7 (partial).
 */
async function runList(
  core: Core,
  session: Session,
  operation: Operation,
  input: Record<string, unknown>,
  options: ListOptions,
): Promise<ExitCode> {
  let remaining = options.total;
  let count = 0;
  let cursor = input.cursor as string | undefined;
  for (;;) {
    let page: { items: unknown[]; nextCursor?: string | undefined };
    try {
      const limit = remaining === undefined ? input.limit : Math.min(remaining, input.limit as number);
      // The page size and the cursor of the page before are the command's own: still validated input.
      page = (await session.client.run(
        operation,
        core.revisedInput(input, { limit, cursor }),
        options.runOptions,
      )) as typeof page;
    } catch (error) {
      // Before the first page nothing is printed, not even an empty list: a script reading stdout
      // (`| jq length`) must not take a failure for "no items".
      if (count === 0) throw error;
      options.writer.end();
      fail(error, options.runOptions.signal.aborted);
      process.stderr.write(`ciam: the listing stopped after ${count} items\n`);
      return process.exitCode === EXIT.interrupted ? EXIT.interrupted : EXIT.partial;
    }
    options.writer.page(page.items);
    count += page.items.length;
    if (remaining !== undefined) remaining -= page.items.length;
    cursor = page.nextCursor;
    const more = cursor !== undefined && page.items.length > 0;
    if (!more || (remaining !== undefined && remaining <= 0)) break;
    if (!options.all && remaining === undefined) {
      options.writer.end();
      process.stderr.write(`More items exist: add --all, --limit <n>, or --cursor ${cursor}\n`);
      return EXIT.success;
    }
  }
  options.writer.end();
  return EXIT.success;
}

/**
 * The input as core validated it, or the usage error for core's refusal: `--input` fields the
 * operation does not have at any depth (dropped in silence, a misspelt `jobTitel` would let the
 * command succeed without the change), else the first problem, named by its flag.
 */
function validInput(
  core: Core,
  operation: Operation,
  spec: CatalogInvocation["spec"],
  input: Record<string, unknown>,
  path: string,
): Record<string, unknown> {
  try {
    return core.validateInput(operation, input);
  } catch (error) {
    if (!(error instanceof core.InvalidInputError)) throw error;
    const flagOf = (field: unknown) => spec.options.find((o) => o.field === field)?.flag;
    const [first, ...others] = error.unknownFields;
    if (first !== undefined) {
      // A flag sets a top-level field only: a nested field's suggestion names no flag.
      const flag = /[.[]/.test(first.field) ? undefined : flagOf(first.suggestion);
      const hint =
        first.suggestion === undefined
          ? ""
          : `; did you mean "${first.suggestion}"${flag === undefined ? "" : ` (--${flag})`}?`;
      const more = others.length > 0 ? ` (and ${others.map((u) => `"${u.field}"`).join(", ")})` : "";
      throw new UsageError(
        `unknown field "${first.field}" in --input${more}${hint} (see \`${path} --help\`)`,
      );
    }
    const issue = error.schemaIssues[0];
    const flag = flagOf(String(issue?.path[0] ?? ""));
    throw new UsageError(
      `invalid ${flag === undefined ? "input" : `--${flag}`}: ${issue?.message ?? "invalid"} (see \`${path} --help\`)`,
    );
  }
}

/**
 * A bulk result in which some items failed: `results[]` with a failed `status`, or a report counting
 * `failed` or `rejected` rows (an import).
 */
function hasFailedItems(result: unknown): boolean {
  const { results, failed, rejected } = (result ?? {}) as Record<string, unknown>;
  const positive = (n: unknown) => typeof n === "number" && n > 0;
  return (
    positive(failed) ||
    positive(rejected) ||
    (Array.isArray(results) && results.some((r) => (r as { status?: unknown }).status === "failed"))
  );
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value);
}

/**
 * A binary result for a table on a terminal: the base64 text (up to 300 KB for a background image)
 * replaced by its size and how to get the bytes. JSON, YAML and TSV keep it for scripts.
 */
function withoutBytes(result: unknown, field: string | undefined): unknown {
  if (field === undefined || result === null || typeof result !== "object") return result;
  const value = (result as Record<string, unknown>)[field];
  if (typeof value !== "string") return result;
  const bytes = Buffer.byteLength(value, "base64");
  return { ...result, [field]: `(${bytes} bytes: --save-to <file> writes them, -o json shows them)` };
}
