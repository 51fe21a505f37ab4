import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { nameRefSchema } from "../fields.ts";
import { identityProviderSchema } from "./identity-provider-schema.ts";
import { getProvider } from "./identity-providers-client.ts";

/** `identity_provider_get`: one identity provider. */
export const getIdentityProviderOperation = defineOperation({
  name: "identity_provider_get",
  area: "identity-providers",
  title: "Get an identity provider",
  description:
    "Returns an identity provider by id (EmailPassword-OAUTH, Google-OAUTH, an OIDC provider's GUID), without its secret.",
  access: "read",
  permissions: ["IdentityProvider.Read.All"],
  input: z.object({ id: nameRefSchema }),
  output: identityProviderSchema,
  run: (ctx, input) => getProvider(ctx.graph, input.id, { signal: ctx.signal }),
});
