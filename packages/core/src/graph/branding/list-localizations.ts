import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { listLocalizations, organizationId } from "./branding-client.ts";
import { BRANDING_READ } from "./branding-ops-common.ts";
import { brandingSchema } from "./branding-schema.ts";

/** `branding_localization_list`: the default branding and every language-specific one. */
export const listLocalizationsOperation = defineOperation({
  name: "branding_localization_list",
  area: "branding",
  title: "List branding localizations",
  description:
    "Lists branding records: the default ('0') and one per branded language, each with its own values only.",
  access: "read",
  permissions: BRANDING_READ,
  input: z.object({}),
  output: z.object({ items: z.array(brandingSchema) }),
  run: async (ctx) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    return { items: await listLocalizations(ctx.graph, org, { signal: ctx.signal }) };
  },
});
