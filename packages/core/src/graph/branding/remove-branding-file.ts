import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { organizationId, removeBrandingFile } from "./branding-client.ts";
import { anyLocaleSchema, BRANDING_WRITE } from "./branding-ops-common.ts";
import { brandingStreamSchema } from "./branding-schema.ts";

/** `branding_image_delete`: remove one branding file. */
export const removeBrandingFileOperation = defineOperation({
  name: "branding_image_delete",
  area: "branding",
  title: "Remove a branding image or CSS",
  description:
    "Removes an uploaded branding file from the default ('0') or a language; sign-in falls back to the default's or Microsoft's.",
  access: "destructive",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z.object({ stream: brandingStreamSchema, locale: anyLocaleSchema }),
  output: z.object({ removed: z.boolean(), stream: brandingStreamSchema, locale: z.string() }),
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    await removeBrandingFile(ctx.graph, org, input.locale, input.stream, { signal: ctx.signal });
    return { removed: true, stream: input.stream, locale: input.locale };
  },
});
