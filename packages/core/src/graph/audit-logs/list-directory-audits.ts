import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { instantSchema, listInputShape, listOutputSchema, toDate } from "../common.ts";
import { directoryAuditSchema } from "./audit-log-schema.ts";
import { listDirectoryAudits } from "./audit-logs-client.ts";

/** `audit_log_directory_list`: who changed what in the directory. */
export const listDirectoryAuditsOperation = defineOperation({
  name: "audit_log_directory_list",
  area: "audit-logs",
  title: "List directory audit records",
  description:
    "Lists directory audit records (who changed users, groups, apps, permissions) by time range, category, initiator or target; 5 calls per 10 s.",
  access: "read",
  list: true,
  permissions: ["AuditLog.Read.All"],
  input: z
    .object({
      since: instantSchema.optional().describe("ISO 8601."),
      until: instantSchema.optional().describe("ISO 8601."),
      category: z.string().min(1).optional(),
      loggedByService: z.string().min(1).optional().describe("e.g. Core Directory, B2C."),
      activity: z.string().min(1).optional().describe("Exact activityDisplayName, e.g. 'Add user'."),
      initiatedBy: z.string().min(1).max(256).optional().describe("A user's UPN, or an app's display name."),
      target: z.string().min(1).max(256).optional().describe("A target's exact display name."),
      ...listInputShape,
    })
    .refine((i) => i.since === undefined || i.until === undefined || new Date(i.since) <= new Date(i.until), {
      message: "since must not be after until",
      path: ["since"],
    }),
  output: listOutputSchema(directoryAuditSchema),
  run: (ctx, input) =>
    listDirectoryAudits<z.infer<typeof directoryAuditSchema>>(
      ctx.graph,
      { ...input, since: toDate(input.since), until: toDate(input.until) },
      {
        limit: input.limit,
        cursor: input.cursor,
        signal: ctx.signal,
      },
    ),
});
