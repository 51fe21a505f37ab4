import { z } from "zod";
import { defineOperation } from "../operations/define-operation.ts";
import { exportUsers } from "./export-users.ts";

const path = z.string().trim().min(1).max(4096);

/** `user_export`: users to a CSV or JSON Lines file. */
export const exportUsersOperation = defineOperation({
  name: "user_export",
  area: "users",
  title: "Export users to a file",
  description:
    "Writes users (all, or an OData filter's) to a CSV or JSON Lines file with chosen properties; rerunning with the same file resumes. Returns counts.",
  access: "read",
  permissions: ["User.Read.All"],
  positional: "file",
  input: z.object({
    file: path.describe("The output file: .csv for CSV, otherwise JSON Lines."),
    format: z.enum(["csv", "jsonl"]).optional().describe("Defaults from the file name."),
    filter: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe("OData $filter, e.g. accountEnabled eq false."),
    select: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/))
      .min(1)
      .max(50)
      .optional()
      .describe(
        "Properties to export (default id, displayName, mail, identities, accountEnabled, createdDateTime).",
      ),
    stateFile: path.optional().describe("Where resume state is kept (default <file>.state.json)."),
    pageSize: z.number().int().min(1).max(999).default(999),
  }),
  output: z.object({
    file: z.string(),
    exported: z.number().int(),
    pages: z.number().int(),
    resumed: z.boolean().describe("True when an interrupted export was continued."),
  }),
  run: (ctx, input) => exportUsers(ctx, input),
});
