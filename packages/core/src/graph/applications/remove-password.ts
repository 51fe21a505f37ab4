import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRefShape, exactlyOneRef, exactlyOneRefMessage } from "./app-ref.ts";
import { removePassword } from "./applications-client.ts";

/** `app_password_remove`: revoke a client secret. */
export const removePasswordOperation = defineOperation({
  name: "app_password_remove",
  area: "apps",
  title: "Remove a client secret",
  description:
    "Removes an app registration's client secret by keyId (see app_get); anything using it can no longer sign in.",
  access: "destructive",
  idempotent: true,
  permissions: ["Application.ReadWrite.All"],
  input: z.object({ ...appRefShape, keyId: z.guid() }).refine(exactlyOneRef, exactlyOneRefMessage),
  output: z.object({ keyId: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    await removePassword(ctx.graph, input, input.keyId, { signal: ctx.signal });
    return { keyId: input.keyId, removed: true as const };
  },
});
