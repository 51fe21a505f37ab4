import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { InputError } from "../../input-error.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { appRefShape, exactlyOneRef, exactlyOneRefMessage } from "./app-ref.ts";
import { keyCredentialSchema } from "./application-schema.ts";
import { addCertificate, getApplication } from "./applications-client.ts";

/** `app_certificate_add`: a certificate credential. */
export const addCertificateOperation = defineOperation({
  name: "app_certificate_add",
  area: "apps",
  title: "Add a certificate credential",
  description:
    "Adds a public certificate (PEM) to an app registration, to sign in with its private key instead of a secret.",
  access: "write",
  idempotent: false,
  permissions: ["Application.ReadWrite.All"],
  input: z
    .object({
      ...appRefShape,
      certificatePem: z
        .string()
        .includes("-----BEGIN CERTIFICATE-----", { message: "must be a PEM certificate" })
        .refine(
          (pem) => !/PRIVATE KEY/.test(pem),
          "must not contain a private key: give only the certificate",
        ),
      displayName: z.string().max(256).optional(),
    })
    .refine(exactlyOneRef, exactlyOneRefMessage),
  output: z.object({ keyCredentials: z.array(keyCredentialSchema) }),
  run: async (ctx, input) => {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(input.certificatePem);
    } catch {
      throw new InputError("certificatePem is not a readable X.509 certificate.");
    }
    const displayName =
      input.displayName ??
      certificate.subject
        .split("\n")
        .find((l) => l.startsWith("CN="))
        ?.slice(3);
    await addCertificate(
      ctx.graph,
      input,
      { key: certificate.raw.toString("base64"), ...(displayName === undefined ? {} : { displayName }) },
      { signal: ctx.signal },
    );
    const app = await getApplication(ctx.graph, input, { signal: ctx.signal });
    return { keyCredentials: app.keyCredentials ?? [] };
  },
});
