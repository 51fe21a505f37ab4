import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { keyAction } from "./trust-framework-client.ts";
import { keyActionBody } from "./trust-framework-mapping.ts";
import {
  B2C_ONLY,
  fullKeySetId,
  keySetIdSchema,
  trustFrameworkKeySchema,
  validityShape,
} from "./trust-framework-schema.ts";

/** `trust_framework_keyset_upload_secret`: store a secret you already have (e.g. an identity provider's client secret). */
export const uploadSecretOperation = defineOperation({
  name: "trust_framework_keyset_upload_secret",
  area: "trust-framework",
  title: "Upload a secret to a B2C key set",
  description: `Stores a secret you have (e.g. a provider's client secret) as a symmetric key in a key set; it is never returned. ${B2C_ONLY}`,
  access: "write",
  idempotent: false,
  permissions: ["TrustFrameworkKeySet.ReadWrite.All"],
  input: z.object({
    id: keySetIdSchema,
    use: z.enum(["sig", "enc"]),
    secret: z.string().min(1).max(4096).describe("Write-only."),
    ...validityShape,
  }),
  output: trustFrameworkKeySchema,
  run: (ctx, input) =>
    keyAction(
      ctx.graphBeta,
      fullKeySetId(input.id),
      "uploadSecret",
      keyActionBody({ ...input, k: input.secret }),
      {
        signal: ctx.signal,
      },
    ),
});
