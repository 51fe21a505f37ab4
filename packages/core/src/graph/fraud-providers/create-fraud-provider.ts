import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { displayNameSchema, secretSchema } from "../fields.ts";
import { fraudProviderMapping } from "./fraud-provider-mapping.ts";
import { fraudProviderSchema, fraudProviderTypeSchema } from "./fraud-provider-schema.ts";
import { delegatedOnly, FRAUD_WRITE, fraudProviders } from "./fraud-providers-client.ts";

const subDomain = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, "a host name label such as client-api")
  .optional();

/** `fraud_provider_create`: an Arkose Labs or HUMAN Security provider (delegated sign-in only). */
export const createFraudProviderOperation = defineOperation({
  name: "fraud_provider_create",
  area: "fraud-providers",
  title: "Create a fraud protection provider",
  description:
    "Adds an Arkose Labs or HUMAN Security provider for event_listener_create's fraud protection listener. Delegated sign-in only (a device-code profile).",
  access: "write",
  idempotent: false,
  permissions: FRAUD_WRITE,
  input: z
    .object({
      type: fraudProviderTypeSchema,
      displayName: displayNameSchema,
      key: z.string().trim().min(1).max(1024).describe("Arkose public key or HUMAN app id."),
      secret: secretSchema.describe("Arkose private key or HUMAN server token; write-only."),
      clientSubDomain: subDomain.describe("Arkose only; default client-api."),
      verifySubDomain: subDomain.describe("Arkose only; default verify-api."),
    })
    .refine(
      (v) => v.type === "arkose" || (v.clientSubDomain === undefined && v.verifySubDomain === undefined),
      "clientSubDomain and verifySubDomain are Arkose settings; leave them out for humanSecurity",
    ),
  output: fraudProviderSchema,
  run: (ctx, input) =>
    delegatedOnly(FRAUD_WRITE, () =>
      fraudProviders.create(ctx.graph, fraudProviderMapping.toGraphCreate(input), { signal: ctx.signal }),
    ),
});
