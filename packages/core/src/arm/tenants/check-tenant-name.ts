import { z } from "zod";
import { defineOperation } from "../../operations/define-operation.ts";
import { subscriptionIdSchema } from "./tenant-schema.ts";
import { checkTenantName, TENANT_ACTIONS } from "./tenants-client.ts";

/** `tenant_check_name`: is `{name}.onmicrosoft.com` free for a new external tenant? */
export const checkTenantNameOperation = defineOperation({
  name: "tenant_check_name",
  area: "tenants",
  title: "Check an external tenant name",
  description:
    "Checks whether a domain name is free for a new external tenant (before tenant_create); if not, why.",
  access: "read",
  permissions: [TENANT_ACTIONS.checkName],
  input: z.object({
    subscriptionId: subscriptionIdSchema,
    name: z.string().min(1).max(64).describe("`contoso` or `contoso.onmicrosoft.com`."),
    countryCode: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "a two-letter country code")
      .describe("Two letters (e.g. US, FR)."),
  }),
  output: z.object({
    nameAvailable: z.boolean(),
    reason: z.string().nullish().describe("AlreadyExists or Invalid when the name is not available."),
    message: z.string().nullish(),
  }),
  run: (ctx, input) =>
    checkTenantName(
      ctx.arm,
      input.subscriptionId,
      { name: input.name, countryCode: input.countryCode.toUpperCase() },
      {
        signal: ctx.signal,
      },
    ),
});
