import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listKeySets } from "./trust-framework-client.ts";
import { B2C_ONLY, keySetSchema } from "./trust-framework-schema.ts";

/** `trust_framework_keyset_list`: the policy key sets. */
export const listKeySetsOperation = defineOperation({
  name: "trust_framework_keyset_list",
  area: "trust-framework",
  title: "List B2C policy key sets",
  description: `Lists the policy key sets with each key's public members and validity; secrets are never returned. ${B2C_ONLY}`,
  access: "read",
  permissions: ["TrustFrameworkKeySet.Read.All"],
  input: z.object({}),
  output: z.object({ items: z.array(keySetSchema) }),
  run: async (ctx) => ({ items: await listKeySets(ctx.graphBeta, { signal: ctx.signal }) }),
});
