import { deleteOperation } from "../by-id-operations.ts";
import { nameRefSchema } from "../fields.ts";
import { deleteProvider } from "./identity-providers-client.ts";

/** `identity_provider_delete`: remove a configured identity provider. */
export const deleteIdentityProviderOperation = deleteOperation(
  "identity_provider_delete",
  "identity-providers",
  nameRefSchema,
  {
    title: "Delete an identity provider",
    description: "Deletes a configured identity provider (not built-ins; remove it from flows first).",
    permissions: ["IdentityProvider.ReadWrite.All"],
    remove: (ctx, id) => deleteProvider(ctx.graph, id, { signal: ctx.signal }),
  },
);
