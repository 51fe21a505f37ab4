import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRefShape, exactlyOneRef, exactlyOneRefMessage } from "./app-ref.ts";
import { addPassword } from "./applications-client.ts";

/** `app_password_add`: a new client secret. */
export const addPasswordOperation = defineOperation({
  name: "app_password_add",
  area: "apps",
  title: "Add a client secret",
  description:
    "Adds a client secret to an app registration (2 years, or until endDateTime). Returns keyId and secretText, shown only this once.",
  access: "write",
  idempotent: false,
  permissions: ["Application.ReadWrite.All"],
  secretOutputFields: ["secretText"],
  input: z
    .object({
      ...appRefShape,
      displayName: z.string().max(256).optional().describe("e.g. 'ci-pipeline'."),
      endDateTime: z.iso.datetime().optional().describe("ISO 8601."),
    })
    .refine(exactlyOneRef, exactlyOneRefMessage),
  output: z.object({
    keyId: z.string(),
    secretText: z.string().describe("The secret; shown only now."),
    hint: z.string().nullish(),
    displayName: z.string().nullish(),
    startDateTime: z.string().nullish(),
    endDateTime: z.string().nullish(),
  }),
  run: (ctx, input) => addPassword(ctx.graph, input, input, { signal: ctx.signal }),
});
