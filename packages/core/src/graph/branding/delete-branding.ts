import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { deleteBranding, findBranding, organizationId, removeBrandingFile } from "./branding-client.ts";
import { BRANDING_WRITE } from "./branding-ops-common.ts";
import { BRANDING_STREAMS, brandingStreamSchema } from "./branding-schema.ts";

/** `branding_delete`: the default branding, optionally removing its files first. */
export const deleteBrandingOperation = defineOperation({
  name: "branding_delete",
  area: "branding",
  title: "Delete the default company branding",
  description:
    "Deletes the default branding (pages revert to Microsoft's); refused while it has files unless removeFiles.",
  access: "destructive",
  idempotent: true,
  permissions: BRANDING_WRITE,
  input: z.object({
    removeFiles: z.boolean().default(false).describe("Delete its files first (Graph requires it)."),
  }),
  output: z.object({ deleted: z.boolean(), removedFiles: z.array(brandingStreamSchema) }),
  run: async (ctx, input) => {
    const org = await organizationId(ctx.graph, ctx.tenantId, { signal: ctx.signal });
    const removedFiles: (typeof BRANDING_STREAMS)[number][] = [];
    if (input.removeFiles) {
      const current = await findBranding(ctx.graph, org, { signal: ctx.signal });
      for (const stream of BRANDING_STREAMS) {
        if (current?.[`${stream}RelativeUrl`] == null) continue;
        await removeBrandingFile(ctx.graph, org, "0", stream, { signal: ctx.signal });
        removedFiles.push(stream);
      }
    }
    await deleteBranding(ctx.graph, org, { signal: ctx.signal });
    return { deleted: true, removedFiles };
  },
});
