import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRefShape, exactlyOneRef, exactlyOneRefMessage } from "./app-ref.ts";
import { applicationSchema } from "./application-schema.ts";
import { getApplicationWithCredentials } from "./application-update.ts";

/** `app_get`: one app registration. */
export const getApplicationOperation = defineOperation({
  name: "app_get",
  area: "apps",
  title: "Get an app registration",
  description:
    "Returns an app registration: redirect URIs, permissions, credential metadata (no secrets), federated credentials.",
  access: "read",
  permissions: ["Application.Read.All"],
  input: z.object(appRefShape).refine(exactlyOneRef, exactlyOneRefMessage),
  output: applicationSchema,
  run: (ctx, input) => getApplicationWithCredentials(ctx.graph, input, ctx.signal),
});
