import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { pollTokenSchema, tenantSchema } from "./tenant-schema.ts";
import { TENANT_ACTIONS, waitTenantOperation } from "./tenants-client.ts";

/** `tenant_create_wait`: waits for a tenant creation to end, reporting progress. */
export const waitTenantCreateOperation = defineOperation({
  name: "tenant_create_wait",
  area: "tenants",
  title: "Wait for a tenant creation",
  description:
    "Waits for a tenant_create to finish (cancelling leaves it running); returns domainName and tenantId.",
  access: "read",
  permissions: [TENANT_ACTIONS.read],
  input: z.object({
    pollToken: pollTokenSchema,
    pollIntervalSeconds: z
      .number()
      .min(1)
      .max(300)
      .default(10)
      .describe("When ARM gives no Retry-After (default 10)."),
  }),
  output: z.object({ tenant: tenantSchema }),
  run: async (ctx, input) => {
    let polls = 0;
    const tenant = await waitTenantOperation(ctx.arm, input.pollToken, {
      intervalMs: input.pollIntervalSeconds * 1000,
      signal: ctx.signal,
      onProgress: (progress) => {
        polls++;
        ctx.onProgress?.({
          message: `Tenant creation ${progress.status} (check ${polls})`,
          ...(progress.percentComplete === undefined ? {} : { done: progress.percentComplete, total: 100 }),
        });
      },
    });
    return { tenant };
  },
});
