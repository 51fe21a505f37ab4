import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { instantSchema, listInputShape, listOutputSchema, toDate } from "../common.ts";
import { signInSchema } from "./audit-log-schema.ts";
import { listSignIns } from "./audit-logs-client.ts";

/** `audit_log_sign_in_list`: interactive sign-ins. */
export const listSignInsOperation = defineOperation({
  name: "audit_log_sign_in_list",
  area: "audit-logs",
  title: "List sign-ins",
  description:
    "Lists sign-ins (user, app, location, success or failure code), newest first, by time range, user, app, status or error code: for failed sign-ins.",
  access: "read",
  list: true,
  permissions: ["AuditLog.Read.All"],
  input: z
    .object({
      since: instantSchema.optional(),
      until: instantSchema.optional(),
      userId: z.guid().optional(),
      userPrincipalName: z.string().min(1).optional(),
      appId: z.guid().optional(),
      app: z.string().min(1).max(256).optional().describe("Exact app display name."),
      status: z.enum(["success", "failure"]).optional(),
      errorCode: z.number().int().min(1).max(2_147_483_647).optional().describe("e.g. 50126."),
      ...listInputShape,
    })
    .refine((i) => i.errorCode === undefined || i.status !== "success", {
      message: "errorCode names a failure: leave out status, or use status failure",
      path: ["errorCode"],
    })
    .refine((i) => i.since === undefined || i.until === undefined || new Date(i.since) <= new Date(i.until), {
      message: "since must not be after until",
      path: ["since"],
    }),
  output: listOutputSchema(signInSchema),
  run: (ctx, input) =>
    listSignIns<z.infer<typeof signInSchema>>(
      ctx.graph,
      { ...input, since: toDate(input.since), until: toDate(input.until) },
      { limit: input.limit, cursor: input.cursor, signal: ctx.signal },
    ),
});
