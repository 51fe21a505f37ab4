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
    "Lists the tenant's app registrations (web apps, SPAs, APIs, automation clients), optionally those whose display name starts with a prefix, up to `limit` at a time with a `nextCursor`. Returns object id, client id (appId), audience and credential metadata (never secret values).",
  access: "read",
  permissions: ["Application.Read.All"],
  input: z.object({ displayNameStartsWith: z.string().min(1).optional(), ...listInputShape }),
  output: listOutputSchema(applicationSchema),
  run: (ctx, input) => listApplications(ctx.graph, { ...input, signal: ctx.signal }),
});
