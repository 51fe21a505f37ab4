import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { appNameRefShape, exactlyOneNameRef, exactlyOneNameRefMessage, resolveAppRef } from "./app-ref.ts";
import {
  addFederatedCredential,
  federatedCredentialSchema,
  federatedNameSchema,
  TOKEN_EXCHANGE_AUDIENCE,
} from "./federated-credentials.ts";

/** `app_federation_add`: trust an external issuer's tokens for an app (CI without secrets). */
export const addFederatedCredentialOperation = defineOperation({
  name: "app_federation_add",
  area: "apps",
  title: "Add a federated identity credential",
  description:
    "Lets an app sign in with another issuer's token (e.g. GitHub Actions) instead of a secret; at most 20 per app.",
  access: "write",
  idempotent: false,
  permissions: ["Application.ReadWrite.All"],
  input: z
    .object({
      ...appNameRefShape,
      credentialName: federatedNameSchema,
      issuer: z.url().max(600),
      subject: z
        .string()
        .min(1)
        .max(600)
        .describe("The token's sub, e.g. repo:org/repo:ref:refs/heads/main."),
      audience: z.string().min(1).max(600).default(TOKEN_EXCHANGE_AUDIENCE),
      description: z.string().max(600).optional(),
    })
    .refine(exactlyOneNameRef, exactlyOneNameRefMessage),
  output: federatedCredentialSchema,
  run: async (ctx, input) => {
    const ref = await resolveAppRef(ctx.graph, input, ctx.signal);
    return addFederatedCredential(
      ctx.graph,
      ref,
      {
        name: input.credentialName,
        issuer: input.issuer,
        subject: input.subject,
        audiences: [input.audience],
        description: input.description ?? null,
      },
      { signal: ctx.signal },
    );
  },
});
