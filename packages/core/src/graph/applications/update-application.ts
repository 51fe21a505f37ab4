import { defineOperation } from "../../operations/define-operation.ts";
import { resolveAppRef } from "./app-ref.ts";
import { applicationSchema } from "./application-schema.ts";
import { updateApplication } from "./application-update.ts";
import { updateApplicationInput } from "./update-application-input.ts";

/** `app_update`: change an app registration in place (its appId, and what links to it, stay). */
export const updateApplicationOperation = defineOperation({
  name: "app_update",
  area: "apps",
  title: "Update an app registration",
  description:
    "Changes an app registration in place, appId kept. Given lists replace; scopes, appRoles merge by value (remove only disabled ones).",
  access: "write",
  idempotent: true,
  permissions: ["Application.ReadWrite.All"],
  input: updateApplicationInput,
  output: applicationSchema,
  run: async (ctx, input) => {
    const ref = await resolveAppRef(ctx.graph, input, ctx.signal);
    return updateApplication(ctx.graph, ref, input, ctx.signal);
  },
});
