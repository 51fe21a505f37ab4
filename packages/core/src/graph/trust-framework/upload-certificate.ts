import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { readHostFile } from "../../operations/host-file.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { keyAction } from "./trust-framework-client.ts";
import { B2C_ONLY, fullKeySetId, keySetIdSchema, trustFrameworkKeySchema } from "./trust-framework-schema.ts";

const NAME = "trust_framework_keyset_upload_certificate";

/** The largest certificate accepted, as a file or inline (one X.509 certificate is a few KB). */
const CERTIFICATE_MAX_BYTES = 64 * 1024;

/** `trust_framework_keyset_upload_certificate`: a public certificate as a key. */
export const uploadCertificateOperation = defineOperation({
  name: NAME,
  area: "trust-framework",
  title: "Upload a certificate to a B2C key set",
  description: `Adds a public X.509 certificate (PEM or base64 DER) to a key set, e.g. to validate a partner's tokens. ${B2C_ONLY}`,
  access: "write",
  idempotent: false,
  permissions: ["TrustFrameworkKeySet.ReadWrite.All"],
  input: z
    .object({
      id: keySetIdSchema,
      file: hostPath("read", "A .cer/.pem file.").optional(),
      certificate: z.string().min(1).max(CERTIFICATE_MAX_BYTES).optional().describe("PEM or base64 DER."),
    })
    .refine(
      (v) => (v.file === undefined) !== (v.certificate === undefined),
      "give exactly one of file, certificate",
    ),
  output: trustFrameworkKeySchema,
  run: async (ctx, input) => {
    const raw =
      input.file === undefined
        ? Buffer.from(input.certificate as string)
        : await readHostFile(input.file, { operation: NAME, field: "file", maxBytes: CERTIFICATE_MAX_BYTES });
    let der: Buffer;
    try {
      const text = raw.toString("latin1");
      der = new X509Certificate(
        text.includes("BEGIN CERTIFICATE")
          ? raw
          : /^[A-Za-z0-9+/=\s]+$/.test(text)
            ? Buffer.from(text, "base64")
            : raw,
      ).raw;
    } catch {
      throw new InvalidInputError(NAME, ["certificate: not a readable X.509 certificate (PEM or DER)"]);
    }
    return keyAction(
      ctx.graphBeta,
      fullKeySetId(input.id),
      "uploadCertificate",
      { key: der.toString("base64") },
      { signal: ctx.signal },
    );
  },
});
