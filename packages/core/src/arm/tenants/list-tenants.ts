import { z } from "zod";
import { listInputShape, listOutputSchema } from "../../graph/common.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { resourceGroupSchema, subscriptionIdSchema, tenantSchema } from "./tenant-schema.ts";
import { listTenants, TENANT_ACTIONS } from "./tenants-client.ts";

/** `tenant_list`: external tenants of a resource group or a subscription. */
export const listTenantsOperation = defineOperation({
  name: "tenant_list",
  area: "tenants",
  title: "List external tenants",
  description:
    "Lists external (CIAM) tenant resources of a resource group or subscription: state, location, SKU, domain, tenant id.",
  access: "read",
  list: true,
  permissions: [TENANT_ACTIONS.read],
  input: z.object({
    subscriptionId: subscriptionIdSchema,
    resourceGroup: resourceGroupSchema.optional().describe("Omitted: the whole subscription."),
    ...listInputShape,
  }),
  output: listOutputSchema(tenantSchema),
  run: (ctx, input) =>
    listTenants(
      ctx.arm,
      { subscriptionId: input.subscriptionId, resourceGroup: input.resourceGroup },
      { limit: input.limit, cursor: input.cursor, signal: ctx.signal },
    ),
});
