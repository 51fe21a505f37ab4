import { readFile } from "node:fs/promises";
import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { getLocalization, organizationId, setBrandingFile } from "./branding-client.ts";
import { checkBrandingFile } from "./branding-file.ts";
import { anyLocaleSchema, BRANDING_WRITE } from "./branding-ops-common.ts";
import { BRANDING_STREAM_LIMITS, brandingStreamSchema } from "./branding-schema.ts";

const NAME = "branding_image_set";

/** The bytes of a file given as a path, base64 or (CSS) text. */
async function fileBytes(input: {
  file?: string | undefined;
  contentBase64?: string | undefined;
  text?: string | undefined;
}): Promise<Uint8Array> {
  if (input.file !== undefined) {
    try {
      return new Uint8Array(await readFile(input.file));
    } catch (error) {
      throw new InvalidInputError(NAME, [
        `file: cannot read ${input.file} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      ]);
    }
  }
  if (input.contentBase64 !== undefined) return new Uint8Array(Buffer.from(input.contentBase64, "base64"));
  return new TextEncoder().encode(input.text ?? "");
}

/** `branding_image_set`: upload a logo, background, favicon or the custom CSS. */
export const setBrandingFileOperation = defineOperation({
  name: NAME,
  area: "branding",
  title: "Upload a branding image or CSS",
  description:
    "Uploads a branding file (logo, background, favicon, customCSS) for the default ('0') or a language, from a path, base64 or CSS text.",
  access: "write",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z
    .object({
      stream: brandingStreamSchema.describe(BRANDING_STREAM_LIMITS),
      locale: anyLocaleSchema,
      file: z.string().min(1).optional().describe("Path of the file."),
      contentBase64: z
        .string()
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64")
        .optional()
        .describe("The bytes, base64."),
      text: z.string().optional().describe("CSS text (customCSS only)."),
    })
    .refine(
      (v) => [v.file, v.contentBase64, v.text].filter((x) => x !== undefined).length === 1,
      "give exactly one of file, contentBase64, text",
    )
    .refine((v) => v.text === undefined || v.stream === "customCSS", "text is for customCSS only"),
  output: z.object({
    stream: brandingStreamSchema,
    locale: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
    relativeUrl: z.string().nullish().describe("Path under one of the branding's cdnList hosts."),
  }),
  run: async (ctx, input) => {
    const bytes = await fileBytes(input);
    const { info, problems } = checkBrandingFile(input.stream, bytes);
    if (info === undefined || problems.length > 0) throw new InvalidInputError(NAME, problems);
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    await setBrandingFile(ctx.graph, org, input.locale, input.stream, bytes, info.contentType, {
      signal: ctx.signal,
    });
    const after = await getLocalization(ctx.graph, org, input.locale, { signal: ctx.signal });
    return {
      stream: input.stream,
      locale: input.locale,
      contentType: info.contentType,
      sizeBytes: info.sizeBytes,
      ...(info.width === undefined ? {} : { width: info.width }),
      ...(info.height === undefined ? {} : { height: info.height }),
      relativeUrl: after[`${input.stream}RelativeUrl`],
    };
  },
});
