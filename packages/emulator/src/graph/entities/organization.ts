import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import { blank, isoDate } from "./shape.ts";

/** Organization properties a client may PATCH (Graph's update page lists these). */
export const ORGANIZATION_WRITABLE = new Set([
  "marketingNotificationEmails",
  "privacyProfile",
  "securityComplianceNotificationMails",
  "securityComplianceNotificationPhones",
  "technicalNotificationMails",
]);

/**
 * The tenant's `organization` (id = tenant id). External tenants report `tenantType: "CIAM"`;
 * the default domain is its one verified, initial domain.
 */
export function newOrganization(tenant: TenantInfo, input: { countryLetterCode?: string } = {}): JsonObject {
  const org = blank("organization");
  org.id = tenant.id;
  org.displayName = tenant.displayName;
  org.createdDateTime = isoDate(new Date(tenant.createdDateTime));
  org.countryLetterCode = input.countryLetterCode ?? "US";
  org.preferredLanguage = "en";
  org.tenantType = tenant.kind === "external" ? "CIAM" : tenant.kind === "b2c" ? "AAD B2C" : "AAD";
  org.verifiedDomains = [
    {
      capabilities: "None",
      isDefault: true,
      isInitial: true,
      name: tenant.defaultDomain,
      type: "Managed",
    },
  ];
  return org;
}
