import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRefShape, exactlyOneRef, exactlyOneRefMessage } from "./app-ref.ts";
import { deleteApplication } from "./applications-client.ts";

/** `app_delete`: delete an app registration. */
export const deleteApplicationOperation = defineOperation({
  name: "app_delete",
  area: "apps",
  title: "Delete an app registration",
  description:
    "Deletes an app registration and its service principal; its secrets and certificates stop working. Restorable for 30 days.",
  access: "destructive",
  idempotent: true,
  permissions: ["Application.ReadWrite.All"],
  input: z.object(appRefShape).refine(exactlyOneRef, exactlyOneRefMessage),
  output: z.object({ id: z.string().optional(), appId: z.string().optional(), deleted: z.literal(true) }),
  run: async (ctx, input) => {
    await deleteApplication(ctx.graph, input, { signal: ctx.signal });
    return { ...input, deleted: true as const };
  },
});
