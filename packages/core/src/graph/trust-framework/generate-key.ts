import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { keyAction } from "./trust-framework-client.ts";
import { keyActionBody } from "./trust-framework-mapping.ts";
import {
  B2C_ONLY,
  fullKeySetId,
  keySetIdSchema,
  keyUseSchema,
  trustFrameworkKeySchema,
  validityShape,
} from "./trust-framework-schema.ts";

/** `trust_framework_keyset_generate_key`: let the service make a key. */
export const generateKeyOperation = defineOperation({
  name: "trust_framework_keyset_generate_key",
  area: "trust-framework",
  title: "Generate a key in a B2C key set",
  description: `Has the service generate an RSA or OCT key in a key set, for signing or encryption; the private part never leaves it. ${B2C_ONLY}`,
  access: "write",
  idempotent: false,
  permissions: ["TrustFrameworkKeySet.ReadWrite.All"],
  input: z.object({
    id: keySetIdSchema,
    use: keyUseSchema,
    kty: z.enum(["RSA", "OCT"]),
    ...validityShape,
  }),
  output: trustFrameworkKeySchema,
  run: (ctx, input) =>
    keyAction(ctx.graphBeta, fullKeySetId(input.id), "generateKey", keyActionBody(input), {
      signal: ctx.signal,
    }),
});
