import { getOperation } from "../by-id-operations.ts";
import { nameRefSchema } from "../fields.ts";
import { identityProviderSchema } from "./identity-provider-schema.ts";
import { getProvider } from "./identity-providers-client.ts";

/** `identity_provider_get`: one identity provider. */
export const getIdentityProviderOperation = getOperation(
  "identity_provider_get",
  "identity-providers",
  nameRefSchema,
  identityProviderSchema,
  {
    title: "Get an identity provider",
    description:
      "Returns an identity provider by id (EmailPassword-OAUTH, Google-OAUTH, an OIDC provider's GUID), without its secret.",
    permissions: ["IdentityProvider.Read.All"],
    get: (ctx, id) => getProvider(ctx.graph, id, { signal: ctx.signal }),
  },
);
