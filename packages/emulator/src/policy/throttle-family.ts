/**
 * Which of Graph's throttled services answers a request, and so which published limits apply
 * (learn.microsoft.com/graph/throttling-limits; api-surface 11.6):
 * - `directory`: "identity and access" (users, groups, applications, …): resource units and writes;
 * - `reports`: "identity and access reports" (`auditLogRoot`, `directoryAudit`, `signIn`, …):
 *   5 requests / 10 s per app+tenant, 122 / 10 s per app;
 * - `identityProviders`: "identity providers" (identityProvider, user flows and their attributes,
 *   authenticationEventsFlow, customAuthenticationExtension, authenticationEventListener, apiConnector, trustFrameworkPolicy,
 *   trustFrameworkKeySet, …): 300 requests / min per tenant, 200 / min per app+tenant.
 */
export type ThrottleFamily = "directory" | "reports" | "identityProviders";

/**
 * `/identity/{segment}` collections whose resource types Microsoft lists under "identity providers
 * service limits" (Microsoft's include for it is `throttling-cpim.md`: CPIM, the B2C/External ID
 * policy service). `authenticationEventsFlows` is not named there, but it is External ID's user flow,
 * the successor of the listed identityUserFlow/b2xIdentityUserFlow, served by the same service.
 * `conditionalAccess` and `riskPrevention` hang off the same identityContainer but belong to the
 * identity protection and conditional access service (not emulated), so they keep the directory budget.
 */
const IDENTITY_PROVIDER_SETS = new Set([
  "identityproviders",
  "b2cuserflows",
  "b2xuserflows",
  "userflows",
  "userflowattributes",
  "apiconnectors",
  "customauthenticationextensions",
  "authenticationeventlisteners",
  "authenticationeventsflows",
]);

/** Root segments served by the identity providers service (legacy root collections and B2C's IEF). */
const IDENTITY_PROVIDER_ROOTS = new Set([
  "identityproviders",
  "trustframework",
  "customauthenticationextensions",
]);

/** `/policies/{segment}` singletons on the identity providers list. */
const IDENTITY_PROVIDER_POLICIES = new Set(["authenticationflowspolicy", "b2cauthenticationmethodspolicy"]);

/** The throttled service for a path after the version (`/auditLogs/signIns`, `/identity/userFlowAttributes/{id}`). */
export function throttleFamily(path: string): ThrottleFamily {
  const [first = "", second = ""] = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => s.toLowerCase());
  if (first === "auditlogs" || first === "reports") return "reports";
  if (first === "identity" && IDENTITY_PROVIDER_SETS.has(second)) return "identityProviders";
  if (IDENTITY_PROVIDER_ROOTS.has(first)) return "identityProviders";
  if (first === "policies" && IDENTITY_PROVIDER_POLICIES.has(second)) return "identityProviders";
  return "directory";
}
