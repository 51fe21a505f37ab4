/**
 * Groups valid rows into `$batch`-sized chunks and writes them (or, in a dry run, checks them) with at
 * most `maxConcurrency` chunks in flight, reporting progress as chunks settle. The first failure of a
 * chunk stops the run: it is thrown by the next `add` or by `finish`.
 */
import { BATCH_LIMIT } from "../http/batch.ts";
import type { OperationContext } from "../operations/context.ts";
import { writeOwnerOnly } from "./file-access.ts";
import type { ImportReport } from "./import-report.ts";
import { type ChunkItem, checkChunk, type WriterContext, writeChunk } from "./import-writer.ts";
import type { RowJournal } from "./memory-journal.ts";

/** Counts a row an earlier run committed (from the journal) and says so; false for a row still to write. */
export function resumed(journal: RowJournal, key: string, report: ImportReport): boolean {
  const done = journal.committed.get(key);
  if (done !== "created" && done !== "updated" && done !== "skipped") return false;
  report.resumed++;
  report[done]++;
  return true;
}

/** Stamps a finished (or stopped) run's duration on its report and writes it owner-only when asked. */
export function closeReport(report: ImportReport, started: number, reportFile: string | undefined): void {
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  if (reportFile !== undefined) writeOwnerOnly(reportFile, `${JSON.stringify(report, null, 2)}\n`);
}

/** Options of a {@link ChunkRunner}. */
export interface ChunkRunnerOptions {
  dryRun: boolean;
  maxConcurrency?: number | undefined;
  onProgress?: OperationContext["onProgress"];
  /** The progress message's verb: `importing: 120 created, …`. */
  verb: string;
  /** The total to show (rows of the input), when known. */
  total?: number | undefined;
}

/** Rows with an outcome so far (the reader runs up to `maxConcurrency` envelopes ahead of them). */
function settled(r: ImportReport): number {
  return r.created + r.updated + r.skipped + r.rejected + r.failed + r.existing + r.wouldCreate;
}

/** `120 created, 3 rejected, 0 failed` (dry run: `118 would be created, 2 exist, 3 rejected`). */
function progressMessage(r: ImportReport, verb: string): string {
  if (r.dryRun)
    return `checking: ${r.wouldCreate} would be created, ${r.existing} exist, ${r.rejected} rejected`;
  const optional = [
    r.updated > 0 ? `${r.updated} updated` : undefined,
    r.skipped > 0 ? `${r.skipped} skipped` : undefined,
  ].filter((part) => part !== undefined);
  return `${verb}: ${[`${r.created} created`, ...optional, `${r.rejected} rejected`, `${r.failed} failed`].join(", ")}`;
}

/** Rows between two progress reports while no envelope is in flight to report on its own. */
const PROGRESS_ROWS = 5_000;

/** Writes rows in chunks of at most {@link BATCH_LIMIT}, a bounded number in flight. */
export class ChunkRunner {
  readonly #writer: WriterContext;
  readonly #options: ChunkRunnerOptions;
  readonly #max: number;
  readonly #inFlight = new Set<Promise<void>>();
  #chunk: ChunkItem[] = [];
  #failure: unknown;
  #last = "";
  #seen = 0;

  constructor(writer: WriterContext, options: ChunkRunnerOptions) {
    this.#writer = writer;
    this.#options = options;
    this.#max = Math.max(1, options.maxConcurrency ?? 8);
  }

  /** Sets the total shown with progress. */
  set total(total: number | undefined) {
    this.#options.total = total;
  }

  /** Reports progress (`final`: the run is over, the total is the rows read). */
  progress(final = false): void {
    const report = this.#writer.report;
    if (final) this.#options.total = report.rows;
    const total = this.#options.total;
    const update = {
      message: progressMessage(report, this.#options.verb),
      done: settled(report),
      ...(total === undefined ? {} : { total: Math.max(total, report.rows) }),
    };
    // The same news twice would make MCP's strictly increasing progress count up past the total.
    const key = JSON.stringify(update);
    if (key !== this.#last) this.#options.onProgress?.(update);
    this.#last = key;
  }

  /** Called for every row read, written or not: rows that need no request still move the progress. */
  seen(): void {
    this.#seen++;
    if (this.#seen % PROGRESS_ROWS === 0 && this.#inFlight.size === 0) this.progress();
  }

  /** Adds a valid row; a full chunk leaves once a slot is free. */
  async add(item: ChunkItem): Promise<void> {
    this.#chunk.push(item);
    if (this.#chunk.length === BATCH_LIMIT) await this.#dispatch();
  }

  /** Sends the last chunk and waits for every chunk; throws the first failure. */
  async finish(): Promise<void> {
    if (this.#chunk.length > 0) await this.#dispatch();
    this.#writer.pacer.drain();
    while (this.#inFlight.size > 0) await Promise.race(this.#inFlight);
    if (this.#failure !== undefined) throw this.#failure;
  }

  /** Waits for whatever is in flight (after an error or abort too). */
  async close(): Promise<void> {
    await Promise.allSettled(this.#inFlight);
  }

  async #dispatch(): Promise<void> {
    const chunk = this.#chunk;
    this.#chunk = [];
    while (this.#inFlight.size >= this.#max) await Promise.race(this.#inFlight);
    if (this.#failure !== undefined) throw this.#failure;
    const write = this.#options.dryRun ? checkChunk : writeChunk;
    const task: Promise<void> = write(this.#writer, chunk).then(
      () => {
        this.#inFlight.delete(task);
        this.progress();
      },
      (error: unknown) => {
        this.#inFlight.delete(task);
        this.#failure ??= error;
      },
    );
    this.#inFlight.add(task);
  }
}
