import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { identityProviderSchema, toIdentityProvider } from "./identity-provider-schema.ts";
import { getRawProvider } from "./identity-providers-client.ts";

/** `identity_provider_get`: one identity provider. */
export const getIdentityProviderOperation = defineOperation({
  name: "identity_provider_get",
  area: "identity-providers",
  title: "Get an identity provider",
  description:
    "Returns one identity provider by id (EmailPassword-OAUTH, Google-OAUTH, Apple-Managed-OIDC, or an OIDC provider's GUID), without its secret. Fails with a not-found error when it does not exist.",
  access: "read",
  permissions: ["IdentityProvider.Read.All"],
  input: z.object({ id: z.string().trim().min(1).max(256) }),
  output: identityProviderSchema,
  run: async (ctx, input) =>
    toIdentityProvider(await getRawProvider(ctx.graph, input.id, { signal: ctx.signal })),
});
