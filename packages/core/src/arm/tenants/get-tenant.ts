import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { tenantAddressShape, tenantSchema } from "./tenant-schema.ts";
import { getTenant, TENANT_ACTIONS } from "./tenants-client.ts";

/** `tenant_get`: one external tenant resource. */
export const getTenantOperation = defineOperation({
  name: "tenant_get",
  area: "tenants",
  title: "Get an external tenant",
  description:
    "Returns an external tenant's ARM resource: provisioning state, location, SKU, tags, domain name and tenant id.",
  access: "read",
  permissions: [TENANT_ACTIONS.read],
  input: z.object(tenantAddressShape),
  output: tenantSchema,
  run: (ctx, input) => getTenant(ctx.arm, input, { signal: ctx.signal }),
});
