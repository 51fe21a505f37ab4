import { z } from "zod";
import { defineOperation } from "../operations/define-operation.ts";
import { hostPath } from "../operations/host-paths.ts";
import { columnMappingSchema, mappingPairSchema } from "./column-mapping.ts";
import {
  importContentSchema,
  importRowsSchema,
  maxConcurrencySchema,
  reportFileSchema,
} from "./import-input.ts";
import { importReportSchema, summarizeReport } from "./import-report.ts";
import { importUsers } from "./import-users.ts";

/** A bulk write's dry run (shared with `migration_users`, so MCP lists it once: ADR 0005). */
export const dryRunSchema = z
  .boolean()
  .default(false)
  .describe("Validate and check existing users without writing.");

/** What a bulk write does with a user that exists already. */
export const onConflictSchema = z
  .enum(["skip", "update", "fail"])
  .default("skip")
  .describe("When the user exists: skip the row, update the user's profile, or count it failed.");

/** `user_import`: bulk import of customer accounts from a file, or the same data inline. */
export const importUsersOperation = defineOperation({
  name: "user_import",
  area: "users",
  title: "Import customer accounts",
  description:
    "Creates customer accounts from CSV or JSON Lines rows with a column mapping; bad rows listed, writes paced, resumable by journal. Try dryRun first.",
  access: "write",
  idempotent: false,
  permissions: ["User.ReadWrite.All", "Organization.Read.All"],
  positional: "file",
  input: z
    .object({
      file: hostPath("read", "The CSV (.csv) or JSON Lines file to import.").optional(),
      content: importContentSchema
        .optional()
        .describe("The data as text: CSV with a header row, or JSON Lines."),
      rows: importRowsSchema
        .optional()
        .describe(
          "The data as records, e.g. [{displayName, signInName, password}]; reports number them from 1.",
        ),
      format: z
        .enum(["csv", "jsonl"])
        .optional()
        .describe("Defaults from the file name; content starting with { is jsonl, else csv."),
      mapping: z
        .union([hostPath("read", "A JSON/YAML mapping file."), columnMappingSchema])
        .optional()
        .describe("The column mapping; default: columns named like the fields."),
      map: z
        .array(mappingPairSchema)
        .max(100)
        .optional()
        .describe("Entries over mapping: field=column, extensions.<name>=column, extensionAppId=<id>."),
      dryRun: dryRunSchema,
      checkExisting: z
        .boolean()
        .default(true)
        .describe("Dry run only: false skips the existence lookups and validates the file alone."),
      onConflict: onConflictSchema,
      passwords: z
        .enum(["given", "generate"])
        .default("given")
        .describe(
          "given: each row has its password; generate: rows without one get a random password changed at first sign-in.",
        ),
      rejectFile: hostPath(
        "write",
        "JSON Lines file for every rejected row (line, reasons, fields; passwords removed).",
      ).optional(),
      journalFile: hostPath(
        "write",
        "Journal a rerun resumes from (default <file>.journal.jsonl; delete it to start over).",
      ).optional(),
      reportFile: reportFileSchema,
      maxConcurrency: maxConcurrencySchema,
    })
    .refine((v) => [v.file, v.content, v.rows].filter((x) => x !== undefined).length === 1, {
      message: "give the data to import as exactly one of file, content, rows",
    }),
  output: importReportSchema.extend({ summary: z.string() }),
  run: async (ctx, input) => {
    // A default journal, so a cancelled or killed run is resumed by running the same command again
    // (inline data keeps its journal in memory: the same call again resumes).
    const journalFile =
      input.journalFile ??
      (input.dryRun || input.file === undefined ? undefined : `${input.file}.journal.jsonl`);
    // Errors about the data name the file (or `content`, `rows`) and the line, never its text.
    const report = await importUsers(ctx, { ...input, journalFile });
    return { ...report, summary: summarizeReport(report) };
  },
});
