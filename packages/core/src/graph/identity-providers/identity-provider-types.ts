import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { availableProviderTypes } from "./identity-providers-client.ts";

/** `identity_provider_types`: what kinds of provider the tenant can configure. */
export const identityProviderTypesOperation = defineOperation({
  name: "identity_provider_types",
  area: "identity-providers",
  title: "List identity provider types",
  description:
    "Lists the identity provider types this tenant can use (EmailPassword, EmailOTP, Google, …); tenant kinds differ.",
  access: "read",
  permissions: ["IdentityProvider.Read.All"],
  input: z.object({}),
  output: z.object({ types: z.array(z.string()) }),
  run: async (ctx) => ({ types: await availableProviderTypes(ctx.graph, { signal: ctx.signal }) }),
});
