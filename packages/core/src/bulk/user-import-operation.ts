import { z } from "zod";
import { defineOperation } from "../operations/define-operation.ts";
import { columnMappingSchema, mappingPairSchema } from "./column-mapping.ts";
import { importReportSchema, summarizeReport } from "./import-report.ts";
import { importUsers } from "./import-users.ts";

const path = z.string().trim().min(1).max(4096);

/** `user_import`: bulk import of customer accounts from a file. */
export const importUsersOperation = defineOperation({
  name: "user_import",
  area: "users",
  title: "Import customer accounts from a file",
  description:
    "Creates customer accounts from a CSV or JSON Lines file with a column mapping. Bad rows go to a reject file; writes are paced under Graph's quota; a journal makes reruns resume. Try dryRun first. Returns counts.",
  access: "write",
  idempotent: false,
  // The report is the tool's result already; a copy on the server's disk is a CLI convenience.
  inputSurfaces: { reportFile: "cli" },
  permissions: ["User.ReadWrite.All"],
  positional: "file",
  input: z.object({
    file: path.describe("The CSV (.csv) or JSON Lines file to import."),
    format: z.enum(["csv", "jsonl"]).optional().describe("Defaults from the file name."),
    mapping: z
      .union([path, columnMappingSchema])
      .optional()
      .describe("A JSON/YAML mapping file, or the mapping itself; default: columns named like the fields."),
    map: z
      .array(mappingPairSchema)
      .max(100)
      .optional()
      .describe("Entries over mapping: field=column, extensions.<name>=column, extensionAppId=<id>."),
    dryRun: z.boolean().default(false).describe("Validate and check existing users without writing."),
    checkExisting: z
      .boolean()
      .default(true)
      .describe("Dry run only: false skips the existence lookups and validates the file alone."),
    onConflict: z
      .enum(["skip", "update", "fail"])
      .default("skip")
      .describe("When the sign-in name exists: skip the row, update the user's profile, or count it failed."),
    passwords: z
      .enum(["given", "generate"])
      .default("given")
      .describe(
        "given: each row has its password; generate: rows without one get a random password changed at first sign-in.",
      ),
    rejectFile: path
      .optional()
      .describe("JSON Lines file for rejected rows (line, reasons; passwords removed)."),
    journalFile: path
      .optional()
      .describe("Journal a rerun resumes from (default <file>.journal.jsonl; delete it to start over)."),
    reportFile: path.optional().describe("Where to write the JSON report."),
    maxConcurrency: z
      .number()
      .int()
      .min(1)
      .max(32)
      .default(8)
      .describe("$batch envelopes in flight at most."),
  }),
  output: importReportSchema.extend({ summary: z.string() }),
  run: async (ctx, input) => {
    // A default journal, so a cancelled or killed run is resumed by running the same command again.
    const journalFile = input.journalFile ?? (input.dryRun ? undefined : `${input.file}.journal.jsonl`);
    const report = await importUsers(ctx, { ...input, journalFile });
    return { ...report, summary: summarizeReport(report) };
  },
});
