import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { createLocalization, organizationId } from "./branding-client.ts";
import { brandingMapping } from "./branding-mapping.ts";
import { BRANDING_WRITE } from "./branding-ops-common.ts";
import { brandingPropertiesShape, brandingSchema, localeSchema } from "./branding-schema.ts";

/** `branding_localization_create`: branding for one more language. */
export const createLocalizationOperation = defineOperation({
  name: "branding_localization_create",
  area: "branding",
  title: "Create a branding localization",
  description:
    "Adds branding for one language (fr-FR); unset fields fall back to the default branding (created if missing).",
  access: "write",
  idempotent: false,
  permissions: BRANDING_WRITE,
  input: z.object({ locale: localeSchema, ...brandingPropertiesShape }),
  output: brandingSchema,
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    return createLocalization(ctx.graph, org, brandingMapping.toGraphCreate(input), { signal: ctx.signal });
  },
});
