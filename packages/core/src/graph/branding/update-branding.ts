import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { getBranding, organizationId, updateBranding } from "./branding-client.ts";
import { brandingMapping } from "./branding-mapping.ts";
import { BRANDING_WRITE } from "./branding-ops-common.ts";
import { brandingPropertiesShape, brandingSchema } from "./branding-schema.ts";

/** `branding_update`: texts, colours and layout of the default branding. */
export const updateBrandingOperation = defineOperation({
  name: "branding_update",
  area: "branding",
  title: "Update the default company branding",
  description:
    "Sets texts, colours and layout of the default branding (created if missing); only given fields change, null clears.",
  access: "write",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z
    .object(brandingPropertiesShape)
    .refine((v) => Object.values(v).some((x) => x !== undefined), "give at least one property to change"),
  output: brandingSchema,
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    await updateBranding(ctx.graph, org, brandingMapping.toGraphPatch(input), { signal: ctx.signal });
    return getBranding(ctx.graph, org, "0", { signal: ctx.signal });
  },
});
