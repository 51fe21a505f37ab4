import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appNameRefShape, exactlyOneNameRef, exactlyOneNameRefMessage, resolveAppRef } from "./app-ref.ts";
import { federatedCredentialSchema, listFederatedCredentials } from "./federated-credentials.ts";

/** `app_federation_list`: an app's federated identity credentials. */
export const listFederatedCredentialsOperation = defineOperation({
  name: "app_federation_list",
  area: "apps",
  title: "List federated identity credentials",
  description: "Lists the external tokens (issuer, subject) an app accepts instead of a secret.",
  access: "read",
  permissions: ["Application.Read.All"],
  input: z.object(appNameRefShape).refine(exactlyOneNameRef, exactlyOneNameRefMessage),
  output: z.object({ credentials: z.array(federatedCredentialSchema) }),
  run: async (ctx, input) => {
    const ref = await resolveAppRef(ctx.graph, input, ctx.signal);
    return { credentials: await listFederatedCredentials(ctx.graph, ref, { signal: ctx.signal }) };
  },
});
