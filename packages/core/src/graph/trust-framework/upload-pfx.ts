import { z } from "zod";
import { readPkcs12 } from "../../auth/pkcs12.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { base64Length, readHostFile } from "../../operations/host-file.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { keyAction } from "./trust-framework-client.ts";
import { B2C_ONLY, fullKeySetId, keySetIdSchema, trustFrameworkKeySchema } from "./trust-framework-schema.ts";

const NAME = "trust_framework_keyset_upload_pfx";

/** The largest PKCS#12 file accepted, as a file or inline (one RSA key with its chain is a few KB). */
const PFX_MAX_BYTES = 64 * 1024;

/** `trust_framework_keyset_upload_pfx`: a certificate with its private key (.pfx) as a signing key. */
export const uploadPfxOperation = defineOperation({
  name: NAME,
  area: "trust-framework",
  title: "Upload a PKCS#12 file to a B2C key set",
  description: `Adds a certificate with its private key (.pfx/.p12) to a key set, e.g. for SAML signing; the key is never returned. ${B2C_ONLY}`,
  access: "write",
  idempotent: false,
  permissions: ["TrustFrameworkKeySet.ReadWrite.All"],
  input: z
    .object({
      id: keySetIdSchema,
      file: hostPath("read", "A .pfx/.p12 file.").optional(),
      pfxBase64: z
        .string()
        .min(1)
        .max(base64Length(PFX_MAX_BYTES))
        .optional()
        .describe("The file's bytes, base64."),
      password: z.string().max(1024).optional().describe("Write-only. The file's password."),
    })
    .refine(
      (v) => (v.file === undefined) !== (v.pfxBase64 === undefined),
      "give exactly one of file, pfxBase64",
    ),
  output: trustFrameworkKeySchema,
  run: async (ctx, input) => {
    const bytes =
      input.file === undefined
        ? Buffer.from(input.pfxBase64 as string, "base64")
        : await readHostFile(input.file, { operation: NAME, field: "file", maxBytes: PFX_MAX_BYTES });
    // Opened here first, so a wrong password or a file B2C cannot use fails before anything is sent.
    try {
      const { privateKey } = readPkcs12(bytes, input.password, input.file ?? "pfxBase64");
      if (privateKey.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    } catch (error) {
      const wrongPassword = error instanceof Error && /password/i.test(error.message);
      throw new InvalidInputError(NAME, [
        wrongPassword
          ? "password: the PKCS#12 file does not open with it (missing or wrong)"
          : `${input.file === undefined ? "pfxBase64" : "file"}: not a PKCS#12 file with one RSA key and its certificate`,
      ]);
    }
    return keyAction(
      ctx.graphBeta,
      fullKeySetId(input.id),
      "uploadPkcs12",
      { key: bytes.toString("base64"), password: input.password ?? "" },
      { signal: ctx.signal },
    );
  },
});
