/**
 * The ARM shape of an external tenant, `Microsoft.AzureActiveDirectory/ciamDirectories`
 * (api-surface 1.3), and the input fields that address one.
 */
import { z } from "zod";

/** ARM's resource type of an external (CIAM) tenant. */
export const CIAM_DIRECTORY_TYPE = "Microsoft.AzureActiveDirectory/ciamDirectories";

/** The data-residency geos an external tenant can live in (not Azure regions). */
export const tenantLocationSchema = z
  .enum(["United States", "Europe", "Asia Pacific", "Australia"])
  .describe("Data residency.");

/** The billing SKU names ARM accepts (`Base` is the TypeSpec's newer name). */
export const tenantSkuNameSchema = z
  .enum(["Standard", "PremiumP1", "PremiumP2", "Base"])
  .describe("Billing SKU.");

/** The tenant's initial sub-domain: `{name}.onmicrosoft.com` (the OpenAPI rule: 1-26 letters and digits). */
export const tenantNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9]{1,26}$/, "1 to 26 letters and digits")
  .describe("{name}.onmicrosoft.com.");

/** An Azure subscription id. */
export const subscriptionIdSchema = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    "a subscription GUID",
  )
  .describe("A workforce subscription.");

/** An Azure resource group name (ARM's rule). */
export const resourceGroupSchema = z
  .string()
  .regex(/^[-\w._()]{1,90}$/, "a resource group name")
  .describe("The tenant's resource group.");

/** Input fields that address one tenant resource. */
export const tenantAddressShape = {
  subscriptionId: subscriptionIdSchema,
  resourceGroup: resourceGroupSchema,
  name: tenantNameSchema,
};

/** Tags: name → value. */
export const tagsSchema = z.record(z.string().max(512), z.string().max(256));

/** An external tenant as ARM returns it. */
export const tenantSchema = z.object({
  id: z.string().describe("ARM resource id."),
  name: z.string(),
  type: z.string(),
  location: z.string(),
  sku: z.object({ name: z.string(), tier: z.string().nullish() }).nullish(),
  tags: tagsSchema.nullish(),
  systemData: z
    .object({
      createdBy: z.string().nullish(),
      createdByType: z.string().nullish(),
      createdAt: z.string().nullish(),
      lastModifiedBy: z.string().nullish(),
      lastModifiedByType: z.string().nullish(),
      lastModifiedAt: z.string().nullish(),
    })
    .nullish(),
  properties: z.object({
    provisioningState: z
      .string()
      .nullish()
      .describe("Succeeded, Failed, Canceled, Provisioning, Deleting or Deleted."),
    createTenantProperties: z.object({ displayName: z.string(), countryCode: z.string() }).nullish(),
    domainName: z.string().nullish().describe("`{name}.onmicrosoft.com`, once provisioned."),
    tenantId: z.string().nullish().describe("The new directory's tenant id."),
    billingConfig: z
      .object({ billingType: z.string().nullish(), effectiveStartDateUtc: z.string().nullish() })
      .nullish(),
  }),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** The poll token of a tenant's long-running create or delete. */
export const pollTokenSchema = z.string().min(1).describe("From tenant_create.");
