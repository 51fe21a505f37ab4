import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getKeySet } from "./trust-framework-client.ts";
import { B2C_ONLY, fullKeySetId, keySetIdSchema, keySetSchema } from "./trust-framework-schema.ts";

/** `trust_framework_keyset_get`: one policy key set. */
export const getKeySetOperation = defineOperation({
  name: "trust_framework_keyset_get",
  area: "trust-framework",
  title: "Get a B2C policy key set",
  description: `Returns a policy key set with its keys' public members (kid, kty, use, validity, thumbprint); never secrets. ${B2C_ONLY}`,
  access: "read",
  permissions: ["TrustFrameworkKeySet.Read.All"],
  input: z.object({ id: keySetIdSchema }),
  output: keySetSchema,
  run: (ctx, input) => getKeySet(ctx.graphBeta, fullKeySetId(input.id), { signal: ctx.signal }),
});
