import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleteLocalization, organizationId } from "./branding-client.ts";
import { BRANDING_WRITE } from "./branding-ops-common.ts";
import { localeSchema } from "./branding-schema.ts";

/** `branding_localization_delete`: one language's branding. */
export const deleteLocalizationOperation = defineOperation({
  name: "branding_localization_delete",
  area: "branding",
  title: "Delete a branding localization",
  description:
    "Deletes one language's branding (fr-FR) with its files; that language then sees the default branding.",
  access: "destructive",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z.object({ locale: localeSchema }),
  output: z.object({ deleted: z.boolean(), locale: z.string() }),
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    await deleteLocalization(ctx.graph, org, input.locale, { signal: ctx.signal });
    return { deleted: true, locale: input.locale };
  },
});
