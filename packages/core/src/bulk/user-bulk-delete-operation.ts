import { z } from "zod";
import { idSchema } from "../graph/common.ts";
import { defineOperation } from "../operations/define-operation.ts";
import { hostPath } from "../operations/host-paths.ts";
import { deleteReportSchema, summarizeDeleteReport } from "./delete-report.ts";
import { deleteUsers } from "./delete-users.ts";
import { maxConcurrencySchema, reportFileSchema } from "./import-input.ts";

/** The most ids inline (a file of ids is `--ids` repeated, or an import's journal). */
export const BULK_DELETE_MAX_IDS = 5000;

/** `user_bulk_delete`: deletes many users at once, by ids, a filter, or undoing an import. */
export const bulkDeleteUsersOperation = defineOperation({
  name: "user_bulk_delete",
  area: "users",
  title: "Delete users in bulk",
  description:
    "Deletes users by ids, $filter or an import's rows: batched, paced, resumable; asks with the count. Try dryRun; user_restore undoes for 30 days.",
  access: "destructive",
  idempotent: true,
  confirmsItself: true,
  permissions: ["User.ReadWrite.All"],
  input: z
    .object({
      ids: z.array(idSchema).min(1).max(BULK_DELETE_MAX_IDS).optional().describe("Object ids or UPNs."),
      filter: z
        .string()
        .trim()
        .min(1, "empty: give a filter that selects users, e.g. startswith(displayName,'Test')")
        .max(4000)
        .optional()
        .describe("Graph $filter, e.g. startswith(displayName,'Test')."),
      importFile: hostPath(
        "read",
        "Undo the import of this file: deletes the users its journal says it created.",
      ).optional(),
      importJournal: hostPath(
        "read",
        "The import's journal (default <importFile>.journal.jsonl).",
      ).optional(),
      dryRun: z.boolean().default(false).describe("List what would be deleted; nothing changes."),
      expectCount: z.number().int().min(0).optional().describe("Refuse unless this many are selected."),
      journalFile: hostPath(
        "write",
        "Journal a rerun resumes from (import undo: <file>.delete-journal.jsonl by default).",
      ).optional(),
      reportFile: reportFileSchema,
      maxConcurrency: maxConcurrencySchema,
    })
    .refine(
      (v) => [v.ids, v.filter, v.importFile ?? v.importJournal].filter((x) => x !== undefined).length === 1,
      { message: "select the users as exactly one of ids, filter, importFile/importJournal" },
    ),
  inputSurfaces: { maxConcurrency: "cli" },
  output: deleteReportSchema.extend({ summary: z.string() }),
  run: async (ctx, input) => {
    const report = await deleteUsers(ctx, input);
    return { ...report, summary: summarizeDeleteReport(report) };
  },
});
