/**
 * `importUsers`: streams a CSV or JSON Lines file of customer accounts (or the same data given inline)
 * into the tenant. Every row is validated first (bad rows go to the reject file with their line and never stop the run), valid rows
 * are created in `$batch` envelopes paced just under the write quota, and a journal makes a rerun
 * continue where a crash or Ctrl-C stopped without creating anyone twice.
 */
import { defaultDomain } from "../graph/organization/organization-client.ts";
import type { OperationContext } from "../operations/context.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { AdaptivePacer } from "./adaptive-pacer.ts";
import { bindingOf, stableHash } from "./bulk-binding.ts";
import { ChunkRunner, closeReport, resumed } from "./chunk-runner.ts";
import {
  applyMapping,
  type ColumnMapping,
  columnMappingSchema,
  loadColumnMapping,
  missingColumns,
  secretColumns,
  withMappingPairs,
} from "./column-mapping.ts";
import { checkInputFile, checkOutputFile } from "./file-access.ts";
import { inlineSource, type RowSource } from "./import-input.ts";
import { ImportJournal } from "./import-journal.ts";
import { countReason, emptyReport, type ImportReport, keepReject } from "./import-report.ts";
import type { WriterContext } from "./import-writer.ts";
import { forgetMemoryJournal, inlineJournalKey, memoryJournal, type RowJournal } from "./memory-journal.ts";
import { RejectFile } from "./reject-file.ts";
import { type BulkFileFormat, countRows, csvHeader, formatOf, readRows, scanInput } from "./row-source.ts";
import { DuplicateTracker, identityKey, validateRow } from "./row-validation.ts";

/** Options of {@link importUsers}. */
export interface ImportUsersOptions {
  /** The CSV or JSON Lines file; or give its text as `content`, or its records as `rows`. */
  file?: string | undefined;
  /** The file's text. */
  content?: string | undefined;
  /** The records, column → value (line N of reports is row N). */
  rows?: readonly Record<string, unknown>[] | undefined;
  /** Defaults from the file name (`.csv`, else JSON Lines); `content` starting with `{` is JSON Lines, else CSV. */
  format?: BulkFileFormat | undefined;
  /** A mapping, or the path of a JSON/YAML mapping file; default: columns named like the fields. */
  mapping?: ColumnMapping | string | undefined;
  /** Entries laid over `mapping`: `<field>=<column>`, `extensions.<attribute>=<column>`, `extensionAppId=<appId>`. */
  map?: readonly string[] | undefined;
  /** Validate every row and check which users exist, without writing anything. */
  dryRun?: boolean | undefined;
  /** Dry run: look up which users exist (default true); false validates the file only and counts every valid row in `wouldCreate`. */
  checkExisting?: boolean | undefined;
  /** What to do with a row whose user exists: skip it (default), update its profile, or count it failed. */
  onConflict?: "skip" | "update" | "fail" | undefined;
  /** `given`: every row carries its password (default); `generate`: rows without one get a random password to change at first sign-in. */
  passwords?: "given" | "generate" | undefined;
  /** JSON Lines of rejected rows, created owner-only (0600). */
  rejectFile?: string | undefined;
  /**
   * The journal a rerun resumes from. It is bound to the tenant, the cloud, the input and the mapping:
   * one written for anything else is refused, never reused. Without it a file import keeps no journal,
   * and inline data keeps its journal in memory until the import finishes (see memory-journal.ts).
   */
  journalFile?: string | undefined;
  /** What the journal's binding names as the input (default: a SHA-256 of the input's bytes, a file's or the inline text's as UTF-8). */
  inputIdentity?: string | undefined;
  reportFile?: string | undefined;
  /** `$batch` envelopes in flight at most (default 8); the pacer decides how fast they leave. */
  maxConcurrency?: number | undefined;
  /** Writes per second to start at (default: `maxRate`, limited by the envelopes in flight) and never to exceed (default 2,000). */
  initialRate?: number | undefined;
  maxRate?: number | undefined;
}

/** The operation name errors and journals carry. */
const IMPORT = "user_import";

/** Imports users; resolves with the report (also written to `reportFile`), rejects only on abort or a setup error. */
export async function importUsers(ctx: OperationContext, options: ImportUsersOptions): Promise<ImportReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const journalFile = dryRun ? undefined : options.journalFile;
  const given = [options.file, options.content, options.rows].filter((x) => x !== undefined).length;
  if (given !== 1) throw new InvalidInputError(IMPORT, [ONE_SOURCE]);
  const inline = inlineSource(options);
  // Paths first: a missing input or an output in a missing directory is an input error at once.
  if (options.file !== undefined) checkInputFile(IMPORT, "file", options.file);
  for (const [field, path] of [
    ["rejectFile", options.rejectFile],
    ["journalFile", journalFile],
    ["reportFile", options.reportFile],
  ] as const)
    if (path !== undefined) checkOutputFile(IMPORT, field, path);
  const mapping = withMappingPairs(
    typeof options.mapping === "string"
      ? await loadColumnMapping(options.mapping)
      : columnMappingSchema.parse(options.mapping ?? {}),
    options.map ?? [],
  );
  const input: RowSource = inline?.source ?? (options.file as string);
  const format = inline?.format ?? formatOf(options.file as string, options.format);
  // A CSV without a column for a required field would reject every row for the same reason: refuse it
  // before the journal, reject file or any request is touched, and say which --map entry fixes it.
  if (format === "csv") {
    const header = await csvHeader(input, ctx.signal);
    const problems = missingColumns(mapping, header, (options.passwords ?? "given") === "given");
    if (problems.length > 0) throw new InvalidInputError(IMPORT, problems);
  }
  // A run that writes reads the whole input first: one that cannot be parsed is refused before the
  // first create (a dry run writes nothing, so its one pass finds the same errors). The pass also
  // gives the hash the journal is bound to (of the file's bytes, or of the inline text's), and the
  // exact row count.
  const scan = dryRun ? undefined : await scanInput(input, format, ctx.signal);
  const total =
    ctx.onProgress === undefined ? undefined : (scan?.rows ?? (await countRows(input, format, ctx.signal)));
  const report = emptyReport(dryRun);
  const binding = bindingOf(ctx, IMPORT, options.inputIdentity ?? scan?.identity ?? "", stableHash(mapping));
  // Inline data without a journal file keeps its journal in memory until the import finishes.
  const memoryKey =
    inline !== undefined && journalFile === undefined && !dryRun
      ? inlineJournalKey(binding, ctx.graph.baseUrl, inline.format)
      : undefined;
  const journal: RowJournal =
    memoryKey !== undefined
      ? memoryJournal(memoryKey)
      : await ImportJournal.open(journalFile, binding, {
          operation: IMPORT,
          field: "journalFile",
          file: journalFile ?? "",
          startOver: `import the ${inline === undefined ? "file" : "data"} from scratch (users created by the earlier run then count as skipped)`,
          input: inline === undefined ? `the content of ${options.file}` : `the ${inline.source.name} given`,
          settings: "the column mapping",
        });
  const issuer = await defaultDomain(ctx.graph, { signal: ctx.signal });
  const writer: WriterContext = {
    graph: ctx.graph,
    issuer,
    pacer: new AdaptivePacer({ initialRate: options.initialRate, maxRate: options.maxRate }),
    journal,
    report,
    onConflict: options.onConflict ?? "skip",
    passwords: options.passwords ?? "given",
    signal: ctx.signal,
  };
  const rejects = new RejectFile(options.rejectFile, secretColumns(mapping));
  const duplicates = new DuplicateTracker();
  const runner = new ChunkRunner(writer, {
    dryRun,
    maxConcurrency: options.maxConcurrency,
    onProgress: ctx.onProgress,
    verb: "importing",
    total,
  });

  try {
    for await (const source of readRows(input, format, ctx.signal)) {
      report.rows++;
      runner.seen();
      const reject = (reasons: string[]) => {
        report.rejected++;
        for (const r of reasons) countReason(report, r);
        keepReject(report, source.line, reasons);
        rejects.write(source.line, reasons, source.fields);
      };
      if (source.parseError !== undefined) {
        reject([source.parseError]);
        continue;
      }
      const mapped = applyMapping(mapping, source.fields);
      const check = validateRow(mapped, writer.passwords === "given");
      if (!check.ok) {
        reject(check.reasons);
        continue;
      }
      const key = identityKey(check.row);
      if (duplicates.seen(key)) {
        reject(["signInName: duplicate identity in the file (an earlier line has it)"]);
        continue;
      }
      if (resumed(journal, key, report)) continue;
      if (dryRun && options.checkExisting === false) {
        report.wouldCreate++;
        continue;
      }
      await runner.add({ line: source.line, key, row: check.row, extensions: mapped.extensions });
    }
    await runner.finish();
  } finally {
    await runner.close();
    await rejects.close();
    closeReport(report, started, options.reportFile);
  }
  if (memoryKey !== undefined) forgetMemoryJournal(memoryKey);
  runner.progress(true);
  return report;
}

/** The one way to say which data to import. */
const ONE_SOURCE =
  "file, content, rows: give the data to import as exactly one of them (a CSV or JSON Lines file, its text, or its records)";
