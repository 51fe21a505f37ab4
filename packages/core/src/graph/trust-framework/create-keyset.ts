import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { createKeySet } from "./trust-framework-client.ts";
import { B2C_ONLY, keySetIdSchema, keySetSchema } from "./trust-framework-schema.ts";

/** `trust_framework_keyset_create`: an empty policy key set. */
export const createKeySetOperation = defineOperation({
  name: "trust_framework_keyset_create",
  area: "trust-framework",
  title: "Create a B2C policy key set",
  description: `Creates an empty policy key set (the id gets the B2C_1A_ prefix), to add a key to. Returns the set with its final id. ${B2C_ONLY}`,
  access: "write",
  idempotent: false,
  permissions: ["TrustFrameworkKeySet.ReadWrite.All"],
  input: z.object({ id: keySetIdSchema }),
  output: keySetSchema,
  run: (ctx, input) => createKeySet(ctx.graphBeta, input.id, { signal: ctx.signal }),
});
