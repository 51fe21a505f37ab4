import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { hostPath } from "../../operations/host-paths.ts";
import { getBrandingFile, organizationId } from "./branding-client.ts";
import { anyLocaleSchema, BRANDING_READ } from "./branding-ops-common.ts";
import { brandingStreamSchema } from "./branding-schema.ts";

/** `branding_image_get`: download a logo, background, favicon or the custom CSS. */
export const getBrandingFileOperation = defineOperation({
  name: "branding_image_get",
  area: "branding",
  title: "Download a branding image or CSS",
  description:
    "Downloads a branding file (logo, background, favicon, CSS) of the default or a language; found false if none.",
  access: "read",
  binary: "contentBase64",
  permissions: BRANDING_READ,
  input: z.object({
    stream: brandingStreamSchema,
    locale: anyLocaleSchema,
    saveTo: hostPath("write", "Write the file here instead of returning its bytes.").optional(),
  }),
  output: z.object({
    stream: brandingStreamSchema,
    locale: z.string(),
    found: z.boolean(),
    contentType: z.string().optional(),
    sizeBytes: z.number().int().optional(),
    contentBase64: z.string().optional(),
    savedTo: z.string().optional(),
  }),
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    const file = await getBrandingFile(ctx.graph, org, input.locale, input.stream, { signal: ctx.signal });
    const head = { stream: input.stream, locale: input.locale };
    if (file === undefined) return { ...head, found: false };
    const meta = { ...head, found: true, contentType: file.contentType, sizeBytes: file.bytes.length };
    if (input.saveTo !== undefined) {
      await writeFile(input.saveTo, file.bytes);
      return { ...meta, savedTo: input.saveTo };
    }
    return { ...meta, contentBase64: Buffer.from(file.bytes).toString("base64") };
  },
});
