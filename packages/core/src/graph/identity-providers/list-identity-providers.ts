import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { identityProviderSchema } from "./identity-provider-schema.ts";
import { listProviders } from "./identity-providers-client.ts";

/** `identity_provider_list`: built-in and configured identity providers. */
export const listIdentityProvidersOperation = defineOperation({
  name: "identity_provider_list",
  area: "identity-providers",
  title: "List identity providers",
  description:
    "Lists built-in and configured identity providers (Google, Facebook, Apple, OIDC), without secrets.",
  access: "read",
  permissions: ["IdentityProvider.Read.All"],
  input: z.object({}),
  output: z.object({ items: z.array(identityProviderSchema) }),
  run: async (ctx) => ({ items: await listProviders(ctx.graph, { signal: ctx.signal }) }),
});
