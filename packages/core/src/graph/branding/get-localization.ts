import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getLocalization, organizationId } from "./branding-client.ts";
import { BRANDING_READ } from "./branding-ops-common.ts";
import { brandingSchema, localeSchema } from "./branding-schema.ts";

/** `branding_localization_get`: one language's own branding values. */
export const getLocalizationOperation = defineOperation({
  name: "branding_localization_get",
  area: "branding",
  title: "Get a branding localization",
  description:
    "Returns what one language (fr-FR) overrides; null means the default's (what users see: branding_get with locale).",
  access: "read",
  permissions: BRANDING_READ,
  input: z.object({ locale: localeSchema }),
  output: brandingSchema,
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    return getLocalization(ctx.graph, org, input.locale, { signal: ctx.signal });
  },
});
