import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { tagsSchema, tenantAddressShape, tenantSchema, tenantSkuNameSchema } from "./tenant-schema.ts";
import { TENANT_ACTIONS, updateTenant } from "./tenants-client.ts";

/** `tenant_update`: change an external tenant's tags and/or SKU. */
export const updateTenantOperation = defineOperation({
  name: "tenant_update",
  area: "tenants",
  title: "Update an external tenant",
  description: "Changes an external tenant's tags (replaced whole) and/or billing SKU. Returns the tenant.",
  access: "write",
  idempotent: true,
  permissions: [TENANT_ACTIONS.write],
  input: z
    .object({
      ...tenantAddressShape,
      tags: tagsSchema.optional().describe("Replaces every tag ({} removes them all)."),
      sku: tenantSkuNameSchema.optional(),
    })
    .refine((i) => i.tags !== undefined || i.sku !== undefined, "give tags and/or sku"),
  output: tenantSchema,
  run: (ctx, input) => {
    const { subscriptionId, resourceGroup, name, tags, sku } = input;
    return updateTenant(
      ctx.arm,
      { subscriptionId, resourceGroup, name },
      { tags, sku: sku === undefined ? undefined : { name: sku, tier: "A0" } },
      { signal: ctx.signal },
    );
  },
});
