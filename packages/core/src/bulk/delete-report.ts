/** The report of a bulk delete: counts, the users concerned (first 100), and a summary naming the way back. */
import { z } from "zod";
import { escapeControlCharacters } from "../display-text.ts";

/** How many users a report lists (dry run: would be deleted; else: deleted). */
export const LISTED_USERS = 100;

const listedUserSchema = z.object({ id: z.string(), name: z.string().optional() });

/** One user a report lists. */
export type ListedUser = z.infer<typeof listedUserSchema>;

/** The report of one bulk delete run (counts cover the whole selection, earlier runs included). */
export const deleteReportSchema = z.object({
  dryRun: z.boolean(),
  selected: z.number().int(),
  deleted: z.number().int(),
  notFound: z.number().int(),
  failed: z.number().int(),
  resumed: z.number().int(),
  throttled: z.number().int(),
  envelopes: z.number().int(),
  reasons: z.record(z.string(), z.number().int()),
  users: z.array(listedUserSchema).describe(`The first ${LISTED_USERS}.`),
  seconds: z.number(),
});

/** The report of one bulk delete run. */
export type DeleteReport = z.infer<typeof deleteReportSchema>;

/** An empty report. */
export function emptyDeleteReport(dryRun: boolean): DeleteReport {
  return {
    dryRun,
    selected: 0,
    deleted: 0,
    notFound: 0,
    failed: 0,
    resumed: 0,
    throttled: 0,
    envelopes: 0,
    reasons: {},
    users: [],
    seconds: 0,
  };
}

/** Counts a reason for a failed or skipped user. */
export function countDeleteReason(report: DeleteReport, reason: string): void {
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
}

/** Lists a user in the report, up to {@link LISTED_USERS}. */
export function listUser(report: DeleteReport, user: ListedUser): void {
  if (report.users.length < LISTED_USERS) report.users.push(user);
}

/** `'Ada' (id …)`, escaped: names are the tenant's text. */
export function userLabel(user: ListedUser): string {
  return escapeControlCharacters(user.name === undefined ? user.id : `'${user.name}' (${user.id})`);
}

/** What the confirmation shows: the count first, then the first users. */
export function deleteConfirmation(users: readonly ListedUser[], notFound: number): string {
  const shown = users.slice(0, 10).map((u) => `  - ${userLabel(u)}`);
  const more = users.length > shown.length ? [`  … and ${users.length - shown.length} more`] : [];
  const gone = notFound > 0 ? [`(${notFound} given were not found.)`] : [];
  return `${[
    `Delete ${users.length} user${users.length === 1 ? "" : "s"} (restorable for 30 days with user_restore):`,
    ...shown,
    ...more,
    ...gone,
  ].join("\n")}\n`;
}

/** A human summary of a report, naming the way back. */
export function summarizeDeleteReport(report: DeleteReport): string {
  const head = report.dryRun
    ? `Dry run: ${report.selected} users would be deleted${report.notFound > 0 ? `, ${report.notFound} not found` : ""}; nothing was changed.`
    : `Deleted ${report.deleted} of ${report.selected + report.resumed} users in ${report.seconds.toFixed(1)} s: ${report.notFound} not found, ${report.failed} failed` +
      (report.resumed > 0 ? ` (${report.resumed} by an earlier run).` : ".");
  const reasons = Object.entries(report.reasons)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([reason, n]) => `  ${n} × ${reason}`);
  const back =
    !report.dryRun && report.deleted > 0
      ? [
          "Deleted users stay restorable for 30 days: user_restore --id <id> (ids in users, or user_list --deleted).",
        ]
      : [];
  return [head, ...(reasons.length > 0 ? ["Reasons:", ...reasons] : []), ...back].join("\n");
}
