/**
 * `exportUsers`: streams users (all, or a `$filter`) page by page into CSV or JSON Lines. After every
 * page a state file records the next link and the output's size, so a rerun truncates a half-written
 * page and continues from the next link without writing anyone twice.
 */
import {
  appendFileSync,
  existsSync,
  readFileSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { stringify } from "csv-stringify/sync";
import { paginatePages } from "../http/paginate.ts";
import type { OperationContext } from "../operations/context.ts";
import { type BulkFileFormat, formatOf } from "./row-source.ts";

/** Options of {@link exportUsers}. */
export interface ExportUsersOptions {
  file: string;
  format?: BulkFileFormat | undefined;
  /** An OData `$filter` on users (e.g. `accountEnabled eq false`). */
  filter?: string | undefined;
  /** Properties to export (default: id, displayName, mail, identities, accountEnabled, createdDateTime). */
  select?: readonly string[] | undefined;
  /** Where progress is kept for a resumable export (default `<file>.state.json`). */
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

/** Exports users; resumes from the state file when one is left by an interrupted run. */
export async function exportUsers(ctx: OperationContext, options: ExportUsersOptions): Promise<ExportResult> {
  const format = formatOf(options.file, options.format);
  const select = options.select ?? DEFAULT_EXPORT_SELECT;
  const stateFile = options.stateFile ?? `${options.file}.state.json`;
  const pageSize = Math.min(999, Math.max(1, options.pageSize ?? 999));
  let state: ExportState | undefined;
  if (existsSync(stateFile) && existsSync(options.file)) {
    state = JSON.parse(readFileSync(stateFile, "utf8")) as ExportState;
    // A page appended after the last saved state is dropped and read again.
    if (statSync(options.file).size > state.bytes) truncateSync(options.file, state.bytes);
  } else {
    writeFileSync(options.file, format === "csv" ? stringify([select]) : "");
  }
  let exported = state?.exported ?? 0;
  let pages = state?.pages ?? 0;
  const start = state?.nextLink ?? "/users";
  const query =
    state === undefined ? { $select: select.join(","), $top: pageSize, $filter: options.filter } : undefined;
  for await (const page of paginatePages<Record<string, unknown>>(ctx.graph, start, {
    query,
    signal: ctx.signal,
  })) {
    const text =
      format === "csv"
        ? stringify(page.items.map((u) => select.map((k) => cell(u[k]))))
        : page.items
            .map((u) => `${JSON.stringify(Object.fromEntries(select.map((k) => [k, u[k] ?? null])))}\n`)
            .join("");
    appendFileSync(options.file, text);
    exported += page.items.length;
    pages++;
    if (page.nextLink !== undefined) {
      const next: ExportState = {
        nextLink: page.nextLink,
        bytes: statSync(options.file).size,
        exported,
        pages,
      };
      writeFileSync(stateFile, JSON.stringify(next));
    }
    ctx.onProgress?.({ message: `exported ${exported} users`, done: exported });
  }
  if (existsSync(stateFile)) unlinkSync(stateFile);
  return { file: options.file, exported, pages, resumed: state !== undefined };
}
