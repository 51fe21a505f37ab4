/**
 * `exportUsers`: streams users (all, or a `$filter`) page by page into CSV or JSON Lines. After every
 * page a state file records the next link and the output's size, so a rerun truncates a half-written
 * page and continues from the next link without writing anyone twice. The state is bound to the
 * tenant, cloud and query (bulk-binding.ts); the output and the state are owner-only (0600).
 */
import { existsSync, readFileSync, statSync, truncateSync, unlinkSync } from "node:fs";
import type * as CsvStringify from "csv-stringify/sync";
import { paginatePages } from "../http/paginate.ts";
import { lazyModule } from "../lazy-module.ts";
import type { OperationContext } from "../operations/context.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { type BulkBinding, bindingOf, checkBinding, stableHash } from "./bulk-binding.ts";
import { checkOutputFile, writeOwnerOnly } from "./file-access.ts";
import { type BulkFileFormat, formatOf } from "./row-source.ts";

const loadCsvStringify = lazyModule<typeof CsvStringify>("csv-stringify/sync");

/** Options of {@link exportUsers}. */
export interface ExportUsersOptions {
  file: string;
  format?: BulkFileFormat | undefined;
  /** An OData `$filter` on users (e.g. `accountEnabled eq false`). */
  filter?: string | undefined;
  /** Properties to export (default: id, displayName, mail, identities, accountEnabled, createdDateTime). */
  select?: readonly string[] | undefined;
  /** Where progress is kept for a resumable export (default `<file>.state.json`); bound to the tenant, cloud and query. */
  stateFile?: string | undefined;
  /** Users per page, 1–999 (default 999, Graph's maximum). */
  pageSize?: number | undefined;
}

/** The result of an export. */
export interface ExportResult {
  file: string;
  exported: number;
  pages: number;
  resumed: boolean;
}

interface ExportState {
  /** Which tenant, cloud and query the state belongs to. */
  binding: BulkBinding;
  nextLink: string;
  bytes: number;
  exported: number;
  pages: number;
}

/** The default columns of an export. */
export const DEFAULT_EXPORT_SELECT = [
  "id",
  "displayName",
  "mail",
  "identities",
  "accountEnabled",
  "createdDateTime",
];

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The operation name errors and state files carry. */
const EXPORT = "user_export";

/**
 * The state an interrupted export left, when it belongs to this export (same tenant, cloud, format,
 * filter and properties); anything else is refused, naming what differs. Undefined when there is none.
 */
function resumeState(
  options: { file: string; stateFile: string },
  binding: BulkBinding,
): ExportState | undefined {
  if (!existsSync(options.stateFile) || !existsSync(options.file)) return undefined;
  const where = {
    operation: EXPORT,
    field: "stateFile",
    file: options.stateFile,
    startOver: `export from the start (${options.file} is written again)`,
    input: "the export's format, filter or properties",
  };
  let state: Partial<ExportState>;
  try {
    state = JSON.parse(readFileSync(options.stateFile, "utf8")) as Partial<ExportState>;
  } catch {
    state = {}; // not JSON: reported below as a file that does not say what it belongs to
  }
  checkBinding(binding, state?.binding, where);
  const size = statSync(options.file).size;
  if (
    typeof state.nextLink !== "string" ||
    typeof state.bytes !== "number" ||
    typeof state.exported !== "number" ||
    typeof state.pages !== "number" ||
    size < state.bytes
  )
    throw new InvalidInputError(EXPORT, [
      `stateFile: ${options.stateFile} does not match ${options.file} (the file is shorter than the state says, or the state is damaged); delete ${options.stateFile} to ${where.startOver}`,
    ]);
  return state as ExportState;
}

/**
 * The saved next link, on this run's Graph port: the binding already holds the host, and the
 * emulator behind `ciam --emulator` listens on a new port each time it starts.
 */
function onThisPort(link: string, base: string): string {
  const next = new URL(link);
  const here = new URL(base);
  if (next.hostname === here.hostname) next.port = here.port;
  return next.toString();
}

/** Exports users; resumes from the state file when one is left by an interrupted run. */
export async function exportUsers(ctx: OperationContext, options: ExportUsersOptions): Promise<ExportResult> {
  const format = formatOf(options.file, options.format);
  const select = options.select ?? DEFAULT_EXPORT_SELECT;
  const stateFile = options.stateFile ?? `${options.file}.state.json`;
  const pageSize = Math.min(999, Math.max(1, options.pageSize ?? 999));
  checkOutputFile(EXPORT, "file", options.file);
  checkOutputFile(EXPORT, "stateFile", stateFile);
  const binding = bindingOf(ctx, EXPORT, stableHash({ format, filter: options.filter, select }));
  const state = resumeState({ file: options.file, stateFile }, binding);
  // The output holds customers' names and e-mails: owner-only (0600), like the state beside it.
  if (state === undefined)
    writeOwnerOnly(options.file, format === "csv" ? loadCsvStringify().stringify([select]) : "");
  // A page appended after the last saved state is dropped and read again.
  else if (statSync(options.file).size > state.bytes) truncateSync(options.file, state.bytes);
  let exported = state?.exported ?? 0;
  let pages = state?.pages ?? 0;
  const start = state === undefined ? "/users" : onThisPort(state.nextLink, ctx.graph.baseUrl);
  const query =
    state === undefined ? { $select: select.join(","), $top: pageSize, $filter: options.filter } : undefined;
  for await (const page of paginatePages<Record<string, unknown>>(ctx.graph, start, {
    query,
    signal: ctx.signal,
  })) {
    const text =
      format === "csv"
        ? loadCsvStringify().stringify(page.items.map((u) => select.map((k) => cell(u[k]))))
        : page.items
            .map((u) => `${JSON.stringify(Object.fromEntries(select.map((k) => [k, u[k] ?? null])))}\n`)
            .join("");
    writeOwnerOnly(options.file, text, "a");
    exported += page.items.length;
    pages++;
    if (page.nextLink !== undefined) {
      const next: ExportState = {
        binding,
        nextLink: page.nextLink,
        bytes: statSync(options.file).size,
        exported,
        pages,
      };
      writeOwnerOnly(stateFile, JSON.stringify(next));
    }
    ctx.onProgress?.({ message: `exported ${exported} users`, done: exported });
  }
  if (existsSync(stateFile)) unlinkSync(stateFile);
  return { file: options.file, exported, pages, resumed: state !== undefined };
}
