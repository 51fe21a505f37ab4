import { z } from "zod";
import { displayNameSchema } from "../../graph/fields.ts";
import { defineOperation } from "../../operations/define-operation.ts";
import {
  pollTokenSchema,
  tagsSchema,
  tenantAddressShape,
  tenantLocationSchema,
  tenantSchema,
  tenantSkuNameSchema,
} from "./tenant-schema.ts";
import { startTenantCreate, TENANT_ACTIONS } from "./tenants-client.ts";

/** `tenant_create`: starts creating an external tenant (long-running) and returns its poll token. */
export const createTenantOperation = defineOperation({
  name: "tenant_create",
  area: "tenants",
  title: "Create an external tenant",
  description:
    "Starts creating an external tenant in a workforce subscription (tenant_check_name first); returns a pollToken for tenant_create_wait.",
  access: "write",
  idempotent: true,
  permissions: [TENANT_ACTIONS.write],
  input: z.object({
    ...tenantAddressShape,
    displayName: displayNameSchema.describe("The organization name."),
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "a two-letter country code")
      .describe("Two letters, in the location (e.g. FR for Europe)."),
    location: tenantLocationSchema,
    sku: tenantSkuNameSchema.default("Standard"),
    tags: tagsSchema.optional().describe("ARM tags on the tenant resource."),
  }),
  output: z.object({
    tenant: tenantSchema,
    pollToken: pollTokenSchema
      .optional()
      .describe("Absent when ARM finished at once (the tenant already existed)."),
    retryAfterSeconds: z.number().optional().describe("How long ARM asks to wait before the first check."),
  }),
  run: async (ctx, input) => {
    const { subscriptionId, resourceGroup, name } = input;
    const started = await startTenantCreate(
      ctx.arm,
      { subscriptionId, resourceGroup, name },
      {
        location: input.location,
        sku: { name: input.sku, tier: "A0" },
        properties: {
          createTenantProperties: {
            displayName: input.displayName,
            countryCode: input.countryCode.toUpperCase(),
          },
        },
        ...(input.tags === undefined ? {} : { tags: input.tags }),
      },
      { signal: ctx.signal },
    );
    return {
      tenant: started.tenant,
      ...(started.pollToken === undefined ? {} : { pollToken: started.pollToken }),
      ...(started.retryAfterMs === undefined
        ? {}
        : { retryAfterSeconds: Math.ceil(started.retryAfterMs / 1000) }),
    };
  },
});
