import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { fraudProviderSchema } from "./fraud-provider-schema.ts";
import { delegatedOnly, FRAUD_READ, fraudProviders } from "./fraud-providers-client.ts";

/** `fraud_provider_list`: the tenant's fraud protection providers (delegated sign-in only). */
export const listFraudProvidersOperation = defineOperation({
  name: "fraud_provider_list",
  area: "fraud-providers",
  title: "List fraud protection providers",
  description:
    "The Arkose Labs and HUMAN Security providers that fraud protection listeners use, no secrets. Delegated sign-in only.",
  access: "read",
  permissions: FRAUD_READ,
  input: z.object({}),
  output: z.object({ items: z.array(fraudProviderSchema) }),
  run: async (ctx) => ({
    items: await delegatedOnly(FRAUD_READ, () => fraudProviders.all(ctx.graph, { signal: ctx.signal })),
  }),
});
