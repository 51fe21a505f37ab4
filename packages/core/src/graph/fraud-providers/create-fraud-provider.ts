import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema, secretSchema } from "../fields.ts";
import { fraudProviderMapping } from "./fraud-provider-mapping.ts";
import { fraudProviderSchema, fraudProviderTypeSchema } from "./fraud-provider-schema.ts";
import { delegatedOnly, FRAUD_WRITE, fraudProviders } from "./fraud-providers-client.ts";

/** `fraud_provider_create`: an Arkose Labs or HUMAN Security provider (delegated sign-in only). */
export const createFraudProviderOperation = defineOperation({
  name: "fraud_provider_create",
  area: "fraud-providers",
  title: "Add a fraud protection provider",
  description:
    "Adds an Arkose Labs (default subdomains) or HUMAN Security provider for fraud protection listeners. Delegated sign-in only.",
  access: "write",
  idempotent: false,
  permissions: FRAUD_WRITE,
  // Arkose's client and verify subdomains are Arkose's defaults (client-api, verify-api).
  input: z.object({
    type: fraudProviderTypeSchema,
    displayName: displayNameSchema,
    key: z.string().trim().min(1).max(1024).describe("Arkose public key, HUMAN app id."),
    secret: secretSchema.describe("Arkose private key, HUMAN server token; write-only."),
  }),
  output: fraudProviderSchema,
  run: (ctx, input) =>
    delegatedOnly(FRAUD_WRITE, () =>
      fraudProviders.create(ctx.graph, fraudProviderMapping.toGraphCreate(input), { signal: ctx.signal }),
    ),
});
