import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getActiveKey } from "./trust-framework-client.ts";
import { B2C_ONLY, fullKeySetId, keySetIdSchema, trustFrameworkKeySchema } from "./trust-framework-schema.ts";

/** `trust_framework_keyset_active_key`: the key policies use now. */
export const getActiveKeyOperation = defineOperation({
  name: "trust_framework_keyset_active_key",
  area: "trust-framework",
  title: "Get the active key of a B2C key set",
  description: `Returns the key of a key set that policies use now (enabled, valid), public members only. ${B2C_ONLY}`,
  access: "read",
  permissions: ["TrustFrameworkKeySet.Read.All"],
  input: z.object({ id: keySetIdSchema }),
  output: trustFrameworkKeySchema,
  run: (ctx, input) => getActiveKey(ctx.graphBeta, fullKeySetId(input.id), { signal: ctx.signal }),
});
