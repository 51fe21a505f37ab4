import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getLocalization, organizationId, updateLocalization } from "./branding-client.ts";
import { brandingMapping } from "./branding-mapping.ts";
import { BRANDING_WRITE } from "./branding-ops-common.ts";
import { brandingPropertiesShape, brandingSchema, localeSchema } from "./branding-schema.ts";

/** `branding_localization_update`: one language's texts. */
export const updateLocalizationOperation = defineOperation({
  name: "branding_localization_update",
  area: "branding",
  title: "Update a branding localization",
  description:
    "Changes one branded language (fr-FR); only given fields change, null reverts to the default. Returns the localization.",
  access: "write",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z
    .object({ locale: localeSchema, ...brandingPropertiesShape })
    .refine(
      (v) => Object.entries(v).some(([k, x]) => k !== "locale" && x !== undefined),
      "give at least one property to change",
    ),
  output: brandingSchema,
  run: async (ctx, { locale, ...properties }) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    await updateLocalization(ctx.graph, org, locale, brandingMapping.toGraphPatch(properties), {
      signal: ctx.signal,
    });
    return getLocalization(ctx.graph, org, locale, { signal: ctx.signal });
  },
});
