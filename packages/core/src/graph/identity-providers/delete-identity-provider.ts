import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleted, deletedSchema } from "../common.ts";
import { nameRefSchema } from "../fields.ts";
import { deleteProvider } from "./identity-providers-client.ts";

/** `identity_provider_delete`: remove a configured identity provider. */
export const deleteIdentityProviderOperation = defineOperation({
  name: "identity_provider_delete",
  area: "identity-providers",
  title: "Delete an identity provider",
  description:
    "Deletes a configured identity provider (not built-ins; remove it from flows first); its customers can no longer sign in with it.",
  access: "destructive",
  idempotent: true,
  permissions: ["IdentityProvider.ReadWrite.All"],
  input: z.object({ id: nameRefSchema }),
  output: deletedSchema,
  run: async (ctx, input) => {
    await deleteProvider(ctx.graph, input.id, { signal: ctx.signal });
    return deleted(input.id);
  },
});
