import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listInputShape, listOutputSchema } from "../common.ts";
import { applicationSchema } from "./application-schema.ts";
import { listApplications } from "./applications-client.ts";

/** `app_list`: app registrations. */
export const listApplicationsOperation = defineOperation({
  name: "app_list",
  area: "apps",
  title: "List app registrations",
  description:
    "Lists app registrations, optionally by display-name prefix, with ids, audience and credential metadata (never secrets).",
  access: "read",
  list: true,
  permissions: ["Application.Read.All"],
  input: z.object({
    displayNameStartsWith: z.string().min(1).optional(),
    deleted: z.boolean().optional().describe("Deleted ones (30 days)."),
    ...listInputShape,
  }),
  output: listOutputSchema(applicationSchema),
  run: (ctx, input) => listApplications(ctx.graph, { ...input, signal: ctx.signal }),
});
