/**
 * `deleteUsers`: deletes users chosen by ids, a `$filter`, or an import's journal (undo an import),
 * through the bulk engine: every selected user is read first (the confirmation shows the count),
 * deletes leave in `$batch` envelopes paced under the write quota, and a journal makes a rerun after a
 * kill continue without deleting anyone twice.
 */

import { hash } from "node:crypto";
import { existsSync } from "node:fs";
import { BATCH_LIMIT } from "../http/batch.ts";
import { confirmRemovals } from "../operations/confirm-removals.ts";
import type { OperationContext } from "../operations/context.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { AdaptivePacer } from "./adaptive-pacer.ts";
import { bindingOf, stableHash } from "./bulk-binding.ts";
import {
  countDeleteReason,
  type DeleteReport,
  deleteConfirmation,
  emptyDeleteReport,
  listUser,
} from "./delete-report.ts";
import { type DeleteTarget, filterMatches, importOutcome, lookUpUsers } from "./delete-targets.ts";
import { type DeleteWriter, deleteChunk } from "./delete-writer.ts";
import { checkInputFile, checkOutputFile, writeOwnerOnly } from "./file-access.ts";
import { ImportJournal } from "./import-journal.ts";
import type { ImportUsersOptions } from "./import-users.ts";
import { forgetMemoryJournal, inlineJournalKey, memoryJournal, type RowJournal } from "./memory-journal.ts";
import { formatOf, scanInput } from "./row-source.ts";

/** Options of {@link deleteUsers}: give exactly one selection (ids, filter, or an import). */
export interface DeleteUsersOptions
  extends Pick<ImportUsersOptions, "reportFile" | "maxConcurrency" | "initialRate" | "maxRate"> {
  /** Object ids or userPrincipalNames. */
  ids?: readonly string[] | undefined;
  /** A Graph `$filter` over users (sent with `ConsistencyLevel: eventual`). */
  filter?: string | undefined;
  /** Undo an import of this file: the users its journal (`<file>.journal.jsonl`, or `importJournal`) says it created. */
  importFile?: string | undefined;
  /** The journal `user_import` wrote: the users it records as created are deleted. */
  importJournal?: string | undefined;
  /** List what would be deleted; nothing is changed. */
  dryRun?: boolean | undefined;
  /** Refuse unless exactly this many users are selected (what a dry run showed), for runs nobody confirms. */
  expectCount?: number | undefined;
  /** The journal a rerun resumes from (default for an import undo: `<import file or journal>.delete-journal.jsonl`). */
  journalFile?: string | undefined;
}

const NAME = "user_bulk_delete";

/** Deletes the selected users; resolves with the report, rejects on abort, a refusal or a setup error. */
export async function deleteUsers(ctx: OperationContext, options: DeleteUsersOptions): Promise<DeleteReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const fromImport = options.importFile !== undefined || options.importJournal !== undefined;
  const given = [options.ids, options.filter, fromImport ? true : undefined].filter((x) => x !== undefined);
  if (given.length !== 1) throw new InvalidInputError(NAME, [ONE_SELECTION]);
  if (options.filter !== undefined && options.filter.trim() === "")
    throw new InvalidInputError(NAME, [
      "filter: empty; a filter selects users, e.g. startswith(displayName,'Test')",
    ]);
  if (options.importFile !== undefined) checkInputFile(NAME, "importFile", options.importFile);
  const importJournal =
    options.importJournal ??
    (options.importFile === undefined ? undefined : `${options.importFile}.journal.jsonl`);
  if (importJournal !== undefined) {
    if (options.importJournal === undefined && !existsSync(importJournal))
      throw new InvalidInputError(NAME, [
        `importFile: no journal at ${importJournal} (user_import writes one unless it was a dry run); give importJournal, or select the users by filter`,
      ]);
    checkInputFile(NAME, "importJournal", importJournal);
  }
  const journalFile = dryRun
    ? undefined
    : (options.journalFile ??
      (fromImport ? `${options.importFile ?? importJournal}.delete-journal.jsonl` : undefined));
  for (const [field, path] of [
    ["journalFile", journalFile],
    ["reportFile", options.reportFile],
  ] as const)
    if (path !== undefined) checkOutputFile(NAME, field, path);

  const outcome =
    importJournal === undefined
      ? undefined
      : importOutcome(
          ctx,
          options.importJournal === undefined ? "importFile" : "importJournal",
          importJournal,
          options.importFile === undefined
            ? undefined
            : (await scanInput(options.importFile, formatOf(options.importFile), ctx.signal)).identity,
        );
  const selection =
    options.ids !== undefined
      ? { ids: [...new Set(options.ids.map((id) => id.toLowerCase()))].sort() }
      : options.filter !== undefined
        ? { filter: options.filter }
        : { created: hash("sha256", (outcome?.created ?? []).join(",")) };
  const binding = bindingOf(ctx, NAME, stableHash(selection));
  const memoryKey =
    journalFile === undefined && !dryRun ? inlineJournalKey(binding, ctx.graph.baseUrl, "delete") : undefined;
  const journal: RowJournal =
    memoryKey !== undefined
      ? memoryJournal(memoryKey)
      : await ImportJournal.open(journalFile, binding, {
          operation: NAME,
          field: "journalFile",
          file: journalFile ?? "",
          startOver: "select the users afresh (users deleted by the earlier run are then not found)",
          input: "the selection",
        });

  const report = emptyDeleteReport(dryRun);
  report.resumed = [...journal.committed.values()].filter((s) => s === "deleted").length;
  report.deleted = report.resumed;
  ctx.onProgress?.({ message: "reading the selected users" });
  let targets: DeleteTarget[];
  if (options.filter !== undefined)
    targets = (await filterMatches(ctx, options.filter)).filter((t) => !journal.committed.has(t.key));
  else targets = await lookUpUsers(ctx, options.ids ?? outcome?.created ?? [], journal, report);
  for (let i = 0; i < (outcome?.uncertain ?? 0); i++)
    countDeleteReason(
      report,
      "import row sent without a known answer: not deleted (look it up with user_find)",
    );
  report.selected = targets.length;

  if (options.expectCount !== undefined && options.expectCount !== targets.length)
    throw new InvalidInputError(NAME, [
      `expectCount: ${targets.length} users are selected, not ${options.expectCount}; nothing was deleted. Review them with dryRun`,
    ]);
  if (dryRun) {
    for (const t of targets)
      listUser(report, t.name === undefined ? { id: t.id } : { id: t.id, name: t.name });
    report.seconds = seconds(started);
    return report;
  }
  if (targets.length > 0) {
    await confirmRemovals(ctx, NAME, [], deleteConfirmation(targets, report.notFound));
    if (options.filter !== undefined) await refuseGrownFilter(ctx, options.filter, targets, journal);
  }

  const writer: DeleteWriter = {
    graph: ctx.graph,
    pacer: new AdaptivePacer({ initialRate: options.initialRate, maxRate: options.maxRate }),
    journal,
    report,
    signal: ctx.signal,
  };
  const total = targets.length + report.resumed;
  const progress = () =>
    ctx.onProgress?.({
      message: `deleting: ${report.deleted} deleted, ${report.notFound} not found, ${report.failed} failed`,
      done: report.deleted + report.notFound + report.failed,
      total: Math.max(total, report.deleted + report.notFound + report.failed),
    });
  const maxConcurrency = Math.max(1, options.maxConcurrency ?? 8);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for (let i = 0; i < targets.length && failure === undefined; i += BATCH_LIMIT) {
      while (inFlight.size >= maxConcurrency) await Promise.race(inFlight);
      if (failure !== undefined) break;
      const task: Promise<void> = deleteChunk(writer, targets.slice(i, i + BATCH_LIMIT)).then(
        () => {
          inFlight.delete(task);
          progress();
        },
        (error: unknown) => {
          inFlight.delete(task);
          failure ??= error;
        },
      );
      inFlight.add(task);
    }
    writer.pacer.drain();
    while (inFlight.size > 0) await Promise.race(inFlight);
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.allSettled(inFlight);
    report.seconds = seconds(started);
    if (options.reportFile !== undefined)
      writeOwnerOnly(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (memoryKey !== undefined) forgetMemoryJournal(memoryKey);
  return report;
}

/** The one way to say whom to delete. */
const ONE_SELECTION =
  "ids, filter, importFile/importJournal: select the users to delete with exactly one of them (ids or UPNs, a Graph $filter, or an import to undo)";

function seconds(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * Never more than was confirmed: a filter that matches users now that it did not match when the
 * count was shown stops the run before the first delete.
 */
async function refuseGrownFilter(
  ctx: OperationContext,
  filter: string,
  confirmed: readonly DeleteTarget[],
  journal: RowJournal,
): Promise<void> {
  const known = new Set(confirmed.map((t) => t.key));
  const now = (await filterMatches(ctx, filter)).filter(
    (t) => !known.has(t.key) && !journal.committed.has(t.key),
  );
  if (now.length === 0) return;
  throw new InvalidInputError(NAME, [
    `filter: it now matches ${now.length} more user${now.length === 1 ? "" : "s"} than the ${confirmed.length} confirmed; nothing was deleted. Run it again to review the new count`,
  ]);
}
