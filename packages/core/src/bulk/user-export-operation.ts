import { z } from "zod";
import { defineOperation } from "../operations/define-operation.ts";
import { hostPath } from "../operations/host-paths.ts";
import { InvalidInputError } from "../operations/run-operation.ts";
import { exportPage, INLINE_EXPORT_MAX_PAGE } from "./export-page.ts";
import { exportUsers } from "./export-users.ts";

/**
 * `user_export`: users to a CSV or JSON Lines file, or page by page in the result. Its access is
 * `read` (the tenant is only read); a surface that lets it write the file treats it as a write.
 */
export const exportUsersOperation = defineOperation({
  name: "user_export",
  area: "users",
  title: "Export users",
  description:
    "Exports users (all or filtered) with chosen properties, to a CSV or JSON Lines file (resumable) or page by page.",
  access: "read",
  permissions: ["User.Read.All"],
  positional: "file",
  input: z.object({
    file: hostPath(
      "write",
      "The output file: .csv for CSV, otherwise JSON Lines. Without it, users are returned.",
    ).optional(),
    format: z.enum(["csv", "jsonl"]).optional().describe("Of file; defaults from its name."),
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
    stateFile: hostPath("write", "Where resume state is kept (default <file>.state.json).").optional(),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(999)
      .optional()
      .describe(
        `Users per page: with file default 999; returned, default and most ${INLINE_EXPORT_MAX_PAGE}.`,
      ),
    cursor: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .describe("Without file: the nextCursor of the previous page (same filter and select)."),
  }),
  output: z.object({
    file: z.string().optional(),
    exported: z.number().int().describe("Users written to the file, or returned in items."),
    pages: z.number().int(),
    resumed: z.boolean().describe("True when an interrupted export (or a cursor) was continued."),
    items: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe("Without file: the users of this page, with the selected properties."),
    nextCursor: z
      .string()
      .optional()
      .describe("Without file: pass as cursor for the next page; absent on the last."),
  }),
  run: async (ctx, input) => {
    const { file, cursor, ...rest } = input;
    if (file === undefined) {
      if (input.stateFile !== undefined || input.format !== undefined)
        throw new InvalidInputError("user_export", [
          "stateFile, format: for a file export only; give file, or leave them out",
        ]);
      return exportPage(ctx, { ...rest, cursor });
    }
    if (cursor !== undefined)
      throw new InvalidInputError("user_export", [
        "cursor: for pages returned without a file; a file export resumes from its state file",
      ]);
    return exportUsers(ctx, { ...rest, file });
  },
});
