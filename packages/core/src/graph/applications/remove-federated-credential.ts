import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appNameRefShape, exactlyOneNameRef, exactlyOneNameRefMessage, resolveAppRef } from "./app-ref.ts";
import { removeFederatedCredential } from "./federated-credentials.ts";

/** `app_federation_remove`: stop trusting an external issuer's tokens. */
export const removeFederatedCredentialOperation = defineOperation({
  name: "app_federation_remove",
  area: "apps",
  title: "Remove a federated identity credential",
  description:
    "Removes a federated identity credential by name or id; its issuer's tokens no longer sign in.",
  access: "destructive",
  idempotent: true,
  permissions: ["Application.ReadWrite.All"],
  input: z
    .object({ ...appNameRefShape, credential: z.string().min(1).max(120).describe("Name or id.") })
    .refine(exactlyOneNameRef, exactlyOneNameRefMessage),
  output: z.object({ credential: z.string(), removed: z.literal(true) }),
  run: async (ctx, input) => {
    const ref = await resolveAppRef(ctx.graph, input, ctx.signal);
    await removeFederatedCredential(ctx.graph, ref, input.credential, { signal: ctx.signal });
    return { credential: input.credential, removed: true as const };
  },
});
