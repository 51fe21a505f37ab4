import { z } from "zod";
import { resumeLongRunning } from "../../http/lro.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import { pollTokenSchema, tenantAddressShape } from "./tenant-schema.ts";
import { startTenantDelete, TENANT_ACTIONS } from "./tenants-client.ts";

/** `tenant_delete`: deletes an external tenant resource (long-running). */
export const deleteTenantOperation = defineOperation({
  name: "tenant_delete",
  area: "tenants",
  title: "Delete an external tenant",
  description:
    "Deletes an external tenant and its ARM resource, irreversibly (remove users and apps first); waits unless wait is false.",
  access: "destructive",
  idempotent: true,
  permissions: [TENANT_ACTIONS.delete],
  input: z.object({
    ...tenantAddressShape,
    wait: z.boolean().default(true).describe("Wait for the deletion to finish (default true)."),
  }),
  output: z.object({
    status: z.enum(["Deleted", "Deleting"]),
    pollToken: pollTokenSchema.optional().describe("When not waiting: the running deletion's token."),
  }),
  run: async (ctx, input) => {
    const { subscriptionId, resourceGroup, name } = input;
    const pollToken = await startTenantDelete(
      ctx.arm,
      { subscriptionId, resourceGroup, name },
      { signal: ctx.signal },
    );
    if (pollToken === undefined) return { status: "Deleted" as const };
    if (!input.wait) return { status: "Deleting" as const, pollToken };
    await resumeLongRunning<void>(ctx.arm, pollToken, {
      signal: ctx.signal,
      onProgress: (p) => ctx.onProgress?.({ message: `Tenant deletion ${p.status}` }),
    });
    return { status: "Deleted" as const };
  },
});
