import type { Collection, TenantState } from "./store.ts";

/**
 * Every tenant collection the emulator keeps, named once. Code reaches a collection through
 * {@link COLLECTIONS} (or an entity set's declaration), never by a string literal at the place of use,
 * so that a typo is a compile error rather than a new, empty collection. Names starting with `_` hold
 * secrets or bookkeeping and are never served (store.ts, data model).
 */
export const COLLECTIONS = {
  users: "users",
  groups: "groups",
  applications: "applications",
  servicePrincipals: "servicePrincipals",
  appRoleAssignments: "appRoleAssignments",
  oauth2PermissionGrants: "oauth2PermissionGrants",
  federatedIdentityCredentials: "federatedIdentityCredentials",
  organization: "organization",
  directoryAudits: "directoryAudits",
  signIns: "signIns",
  deletedItems: "deletedItems",
  userFlowAttributes: "userFlowAttributes",
  identityProviders: "identityProviders",
  authenticationEventsFlows: "authenticationEventsFlows",
  customAuthenticationExtensions: "customAuthenticationExtensions",
  authenticationEventListeners: "authenticationEventListeners",
  authenticationMethodConfigurations: "authenticationMethodConfigurations",
  conditionalAccessPolicies: "conditionalAccessPolicies",
  fraudProtectionProviders: "fraudProtectionProviders",
  domains: "domains",
  credentials: "_credentials",
  userPasswords: "_userPasswords",
  groupMembers: "_groupMembers",
  groupOwners: "_groupOwners",
  deletedSecrets: "_deletedItems",
  identityProviderSecrets: "_identityProviderSecrets",
  authenticationMethods: "_authenticationMethods",
  domainVerifications: "_domainVerifications",
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/** The tenant's collection by its declared name. */
export function collectionOf(tenant: TenantState, name: CollectionName): Collection {
  return tenant.collection(name);
}
