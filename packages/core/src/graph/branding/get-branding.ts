import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getBranding, organizationId } from "./branding-client.ts";
import { anyLocaleSchema, BRANDING_READ } from "./branding-ops-common.ts";
import { brandingSchema } from "./branding-schema.ts";

/** `branding_get`: the sign-in page branding for a locale. */
export const getBrandingOperation = defineOperation({
  name: "branding_get",
  area: "branding",
  title: "Get the company branding",
  description:
    "Returns the sign-in page branding (colours, texts, layout, image URLs); with a locale, what that language sees.",
  access: "read",
  permissions: BRANDING_READ,
  input: z.object({ locale: anyLocaleSchema }),
  output: brandingSchema,
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    return getBranding(ctx.graph, org, input.locale, { signal: ctx.signal });
  },
});
