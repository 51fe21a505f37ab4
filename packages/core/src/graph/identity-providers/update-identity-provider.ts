import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { identityProviderSchema, toIdentityProvider } from "./identity-provider-schema.ts";
import { getRawProvider, patchProvider } from "./identity-providers-client.ts";

/** `identity_provider_update`: rename a provider or rotate its client id or secret. */
export const updateIdentityProviderOperation = defineOperation({
  name: "identity_provider_update",
  area: "identity-providers",
  title: "Update an identity provider",
  description:
    "Changes a configured provider's name, client id or secret (rotation), or Apple key id and private key (not built-in providers).",
  access: "write",
  idempotent: true,
  permissions: ["IdentityProvider.ReadWrite.All"],
  input: z
    .object({
      id: z.string().trim().min(1).max(256),
      displayName: z.string().trim().min(1).max(256).optional(),
      clientId: z.string().min(1).max(1024).optional(),
      clientSecret: z.string().min(1).max(4096).optional().describe("Write-only, never returned."),
      keyId: z.string().min(1).max(64).optional().describe("apple only."),
      certificateData: z.string().min(1).max(4096).optional().describe("apple only; write-only."),
    })
    .refine((i) => Object.keys(i).some((k) => k !== "id"), "give at least one change"),
  output: identityProviderSchema,
  run: async (ctx, input) => {
    const options = { signal: ctx.signal };
    const { id, clientSecret, ...plain } = input;
    const before = await getRawProvider(ctx.graph, id, options);
    const type = String(before["@odata.type"]);
    const changes: Record<string, unknown> = { "@odata.type": type, ...plain };
    if (clientSecret !== undefined) {
      // An OIDC provider keeps its secret inside clientAuthentication (CSDL oidcClientSecretAuthentication).
      if (type.endsWith("oidcIdentityProvider")) {
        changes.clientAuthentication = {
          "@odata.type": "#microsoft.graph.oidcClientSecretAuthentication",
          clientSecret,
        };
      } else changes.clientSecret = clientSecret;
    }
    await patchProvider(ctx.graph, id, changes, options);
    return toIdentityProvider(await getRawProvider(ctx.graph, id, { ...options, readAfterWrite: true }));
  },
});
