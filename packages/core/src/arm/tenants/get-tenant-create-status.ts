import { z } from "zod";
import { decodeResumeToken } from "../../http/lro.ts";
import { longRunningStatus } from "../../http/lro-status.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { pollTokenSchema, tenantSchema } from "./tenant-schema.ts";
import { TENANT_ACTIONS } from "./tenants-client.ts";

/** `tenant_create_status`: one check on a running tenant creation. */
export const getTenantCreateStatusOperation = defineOperation({
  name: "tenant_create_status",
  area: "tenants",
  title: "Check a tenant creation",
  description:
    "Checks a tenant_create once by pollToken: status (InProgress, Succeeded, Failed, Canceled) and the tenant once done.",
  access: "read",
  permissions: [TENANT_ACTIONS.read],
  input: z.object({ pollToken: pollTokenSchema }),
  output: z.object({
    status: z.string(),
    done: z.boolean(),
    retryAfterSeconds: z.number().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    tenant: tenantSchema.optional().describe("The provisioned tenant, once status is Succeeded."),
  }),
  run: async (ctx, input) => {
    const status = await longRunningStatus(ctx.arm, input.pollToken, { signal: ctx.signal });
    const tenant =
      status.status.toLowerCase() === "succeeded"
        ? await ctx.arm.get<z.input<typeof tenantSchema>>(decodeResumeToken(input.pollToken).r, {
            signal: ctx.signal,
          })
        : undefined;
    return {
      status: status.status,
      done: status.done,
      ...(status.retryAfterMs === undefined
        ? {}
        : { retryAfterSeconds: Math.ceil(status.retryAfterMs / 1000) }),
      ...(status.error === undefined ? {} : { error: status.error }),
      ...(tenant === undefined ? {} : { tenant }),
    };
  },
});
