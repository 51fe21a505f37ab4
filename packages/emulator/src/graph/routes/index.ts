import type { GraphRoute } from "../route.ts";
import { appRoleAssignmentRoutes } from "./app-role-assignments.ts";
import { applicationCredentialRoutes } from "./application-credentials.ts";
import { applicationRoutes } from "./applications.ts";
import { auditLogRoutes } from "./audit-logs.ts";
import { authenticationMethodRoutes } from "./authentication-methods.ts";
import { authenticationMethodsPolicyRoutes } from "./authentication-methods-policy.ts";
import { brandingRoutes } from "./branding.ts";
import { brandingStreamRoutes } from "./branding-streams.ts";
import { conditionalAccessPolicyRoutes } from "./conditional-access-policies.ts";
import { customExtensionRoutes } from "./custom-extensions.ts";
import { deletedItemRoutes } from "./deleted-items.ts";
import { domainRoutes } from "./domains.ts";
import { eventListenerRoutes } from "./event-listeners.ts";
import { federatedIdentityCredentialRoutes } from "./federated-identity-credentials.ts";
import { fraudProtectionProviderRoutes } from "./fraud-protection-providers.ts";
import { groupRoutes } from "./groups.ts";
import { identityProviderRoutes } from "./identity-providers.ts";
import { oauth2PermissionGrantRoutes } from "./oauth2-permission-grants.ts";
import { organizationRoutes } from "./organization.ts";
import { servicePrincipalRoutes } from "./service-principals.ts";
import { trustFrameworkKeySetRoutes } from "./trust-framework-keysets.ts";
import { trustFrameworkPolicyRoutes } from "./trust-framework-policies.ts";
import { userFlowAttributeRoutes } from "./user-flow-attributes.ts";
import { userFlowLinkRoutes } from "./user-flow-links.ts";
import { userFlowRoutes } from "./user-flows.ts";
import { userRoutes } from "./users.ts";

/**
 * Every Graph route the emulator serves, gathered from the area files beside this one; the front
 * door serves exactly this list.
 */
export const graphRoutes: readonly GraphRoute[] = [
  ...userRoutes,
  ...authenticationMethodRoutes,
  ...groupRoutes,
  ...applicationRoutes,
  ...applicationCredentialRoutes,
  ...federatedIdentityCredentialRoutes,
  ...servicePrincipalRoutes,
  ...appRoleAssignmentRoutes,
  ...oauth2PermissionGrantRoutes,
  ...organizationRoutes,
  ...auditLogRoutes,
  ...brandingRoutes,
  ...brandingStreamRoutes,
  ...customExtensionRoutes,
  ...eventListenerRoutes,
  ...trustFrameworkPolicyRoutes,
  ...trustFrameworkKeySetRoutes,
  ...deletedItemRoutes,
  ...userFlowRoutes,
  ...userFlowLinkRoutes,
  ...userFlowAttributeRoutes,
  ...identityProviderRoutes,
  ...authenticationMethodsPolicyRoutes,
  ...conditionalAccessPolicyRoutes,
  ...fraudProtectionProviderRoutes,
  ...domainRoutes,
];
