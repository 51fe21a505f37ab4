/** The import report: counts with reasons, as JSON (schema below) and as a one-paragraph summary. */
import { z } from "zod";

/** How many rejected rows a report lists (the reject file, when given, has them all). */
export const KEPT_REJECTS = 100;

/** The report of one import run (counts cover the whole file, rows committed by earlier runs included). */
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().describe("Data rows read from the file."),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int().describe("Rows whose user already existed (onConflict skip)."),
  rejected: z.number().int().describe("Rows that failed validation (see the reject file)."),
  failed: z
    .number()
    .int()
    .describe("Valid rows the service refused or that conflicted with onConflict fail."),
  existing: z.number().int().describe("Dry run: valid rows whose user already exists."),
  wouldCreate: z.number().int().describe("Dry run: valid rows that would be created."),
  resumed: z.number().int().describe("Rows already committed by an earlier run (from the journal)."),
  throttled: z.number().int().describe("429 answers received."),
  envelopes: z.number().int().describe("$batch requests sent."),
  reasons: z.record(z.string(), z.number().int()).describe("Reason → rows, for rejected and failed rows."),
  rejects: z
    .array(z.object({ line: z.number().int(), reasons: z.array(z.string()) }))
    .describe(`The first ${KEPT_REJECTS} rejected rows: line (of rows: the row's number) and reasons.`),
  seconds: z.number(),
});

/** The report of one import run. */
export type ImportReport = z.infer<typeof importReportSchema>;

/** An empty report. */
export function emptyReport(dryRun: boolean): ImportReport {
  return {
    dryRun,
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    rejected: 0,
    failed: 0,
    existing: 0,
    wouldCreate: 0,
    resumed: 0,
    throttled: 0,
    envelopes: 0,
    reasons: {},
    rejects: [],
    seconds: 0,
  };
}

/** Lists a rejected row in the report, up to {@link KEPT_REJECTS} (its fields stay out: only where and why). */
export function keepReject(report: ImportReport, line: number, reasons: readonly string[]): void {
  if (report.rejects.length < KEPT_REJECTS) report.rejects.push({ line, reasons: [...reasons] });
}

/** Counts a reason; only the part before the first colon-free detail is kept, so counts stay few. */
export function countReason(report: ImportReport, reason: string): void {
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
}

/** A human summary of a report. */
export function summarizeReport(report: ImportReport): string {
  const head = report.dryRun
    ? `Dry run of ${report.rows} rows: ${report.wouldCreate} would be created, ${report.existing} already exist, ${report.rejected} rejected.`
    : `Imported ${report.rows} rows in ${report.seconds.toFixed(1)} s: ${report.created} created, ${report.updated} updated, ${report.skipped} skipped, ${report.rejected} rejected, ${report.failed} failed` +
      (report.resumed > 0 ? ` (${report.resumed} committed by an earlier run).` : ".");
  const reasons = Object.entries(report.reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([reason, n]) => `  ${n} × ${reason}`);
  return [head, ...(reasons.length > 0 ? ["Reasons:", ...reasons] : [])].join("\n");
}
