import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema, nameRefSchema, secretSchema } from "../fields.ts";
import { identityProviderMapping } from "./identity-provider-mapping.ts";
import { identityProviderSchema } from "./identity-provider-schema.ts";
import { getProvider, patchProvider } from "./identity-providers-client.ts";

/** `identity_provider_update`: rename a provider or rotate its client id or secret. */
export const updateIdentityProviderOperation = defineOperation({
  name: "identity_provider_update",
  area: "identity-providers",
  title: "Update an identity provider",
  description: "Changes a configured provider's name, client id or secret, or Apple key id and private key.",
  access: "write",
  idempotent: true,
  permissions: ["IdentityProvider.ReadWrite.All"],
  input: z
    .object({
      id: nameRefSchema,
      displayName: displayNameSchema.optional(),
      clientId: z.string().min(1).max(1024).optional(),
      clientSecret: secretSchema.optional().describe("Write-only, never returned."),
      keyId: z.string().min(1).max(64).optional().describe("apple only."),
      certificateData: secretSchema.optional().describe("apple only; write-only."),
    })
    .refine((i) => Object.keys(i).some((k) => k !== "id"), "give at least one change"),
  output: identityProviderSchema,
  run: async (ctx, input) => {
    const options = { signal: ctx.signal };
    const { id, ...changes } = input;
    const { type } = await getProvider(ctx.graph, id, options);
    await patchProvider(ctx.graph, id, identityProviderMapping.toGraphPatch({ type, ...changes }), options);
    return getProvider(ctx.graph, id, { ...options, readAfterWrite: true });
  },
});
