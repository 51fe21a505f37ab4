import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { readHostFile } from "../../operations/host-file.ts";
import { InvalidInputError } from "../../operations/run-operation.ts";
import { brandingFileBytes, brandingFileSpecShape } from "./branding-apply-plan.ts";
import { getLocalization, organizationId, setBrandingFile } from "./branding-client.ts";
import { BRANDING_MAX_BYTES, checkBrandingFile } from "./branding-file.ts";
import { anyLocaleSchema, BRANDING_WRITE } from "./branding-ops-common.ts";
import { BRANDING_STREAM_LIMITS, brandingStreamSchema } from "./branding-schema.ts";

const NAME = "branding_image_set";

/** `branding_image_set`: upload a logo, background, favicon or the custom CSS. */
export const setBrandingFileOperation = defineOperation({
  name: NAME,
  area: "branding",
  title: "Upload a branding image or CSS",
  description:
    "Uploads a branding file (logo, background, favicon, customCSS) for the default ('0') or a language, as base64 or CSS text.",
  access: "write",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z
    .object({
      stream: brandingStreamSchema.describe(BRANDING_STREAM_LIMITS),
      locale: anyLocaleSchema,
      ...brandingFileSpecShape,
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
    const bytes =
      input.file === undefined
        ? brandingFileBytes(input)
        : new Uint8Array(
            await readHostFile(input.file, { operation: NAME, field: "file", maxBytes: BRANDING_MAX_BYTES }),
          );
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
