import { createHash } from "node:crypto";
import type { JsonObject } from "../../store/json.ts";
import type { TenantInfo } from "../../store/store.ts";
import type { IdSource } from "../ids.ts";
import { newServicePrincipal } from "./service-principal.ts";
import { blank } from "./shape.ts";

/** Microsoft Graph's well-known application id. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** The Microsoft Services tenant that owns first-party applications. */
const MICROSOFT_SERVICES_TENANT_ID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

/**
 * Microsoft Graph application permissions (app roles) with their published ids (api-surface 10.5,
 * from microsoft-graph-devx-content). The token service puts the granted ones in `roles`.
 */
export const GRAPH_APP_ROLES: Readonly<Record<string, string>> = {
  "User.ReadWrite.All": "741f803b-c850-494e-b5df-cde7c675a1ca",
  "User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
  "Group.ReadWrite.All": "62a82d76-70ea-41e2-9197-370581804d09",
  "GroupMember.ReadWrite.All": "dbaae8cf-10b5-4b86-a4a1-f871c94c6695",
  "AuditLog.Read.All": "b0afded3-3588-46d8-8b3d-9842eff778da",
  "Policy.ReadWrite.TrustFramework": "79a677f7-b79d-40d0-a36a-3e6f8688dd7a",
  "Policy.Read.All": "246dd0d5-5bd0-4def-940b-0421030a5b68",
  "TrustFrameworkKeySet.ReadWrite.All": "4a771c9a-1cf2-4609-b88e-3d3e02d539cd",
  "TrustFrameworkKeySet.Read.All": "fff194f1-7dce-4428-8301-1badb5518201",
  "EventListener.ReadWrite.All": "0edf5e9e-4ce8-468a-8432-d08631d18c43",
  "EventListener.Read.All": "b7f6385c-6ce6-4639-a480-e23c42ed9784",
  "CustomAuthenticationExtension.ReadWrite.All": "c2667967-7050-4e7e-b059-4cbbb3811d03",
  "CustomAuthenticationExtension.Read.All": "88bb2658-5d9e-454f-aacd-a3933e079526",
  // Held by an API that receives custom authentication extension calls (validateAuthenticationConfiguration checks it).
  "CustomAuthenticationExtensions.Receive.Payload": "214e810f-fda8-4fd7-a475-29461495eb00",
  "IdentityUserFlow.ReadWrite.All": "65319a09-a2be-469d-8782-f6b07debf789",
  "IdentityUserFlow.Read.All": "1b0c317f-dd31-4305-9932-259a8b6e8099",
  "Organization.ReadWrite.All": "292d869f-3427-49a8-9dab-8c70152b74e9",
  "Organization.Read.All": "498476ce-e0fe-48b0-b801-37ba7e2685c6",
  "OrganizationalBranding.ReadWrite.All": "d2ebfbc1-a5f8-424b-83a6-56ab5927a73c",
  "OrganizationalBranding.Read.All": "eb76ac34-0d62-4454-b97c-185e4250dc20",
  "Application.ReadWrite.All": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
  "Application.ReadWrite.OwnedBy": "18a4783c-866b-4cc7-a460-3d5e5662c884",
  "Application.Read.All": "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
  "AppRoleAssignment.ReadWrite.All": "06b708a9-e830-4db3-a914-8e69da51d44f",
  "Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
  "Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
  "IdentityProvider.ReadWrite.All": "90db2b9a-d928-4d33-a4dd-8442ae3d41e4",
  "IdentityProvider.Read.All": "e321f0bb-e7f7-481e-bb28-e3b0b32d4bd0",
  "UserAuthenticationMethod.ReadWrite.All": "50483e42-d915-4231-9639-7fdb7fd190e5",
  "UserAuthenticationMethod.Read.All": "38d9df27-64da-44fd-b7c5-a6fbac20248f",
  "User.RevokeSessions.All": "77f3a031-c388-4f99-b373-dc68676a979e",
  "Policy.ReadWrite.AuthenticationFlows": "25f85f3c-f66c-4205-8cd5-de92dd7f0cec",
  "Policy.ReadWrite.AuthenticationMethod": "29c18626-4985-4dcd-85c0-193eef327366",
  "Policy.ReadWrite.ConditionalAccess": "01c0a623-fc9b-48e9-b794-0756f8e8f067",
  // Not in api-surface 10.5; these ids match Microsoft's published values as third-party code quotes them.
  "Group.Read.All": "5b567255-7703-4780-807c-7be8301ae99b",
  "Group.Create": "bf7b1a76-6e77-406b-b258-bf5c7720e98f",
  "GroupMember.Read.All": "98830695-27a2-44f7-8c18-0c3ebc9698f6",
  "DelegatedPermissionGrant.Read.All": "89c8469c-83ad-45f7-8ff2-6e3d4285709e",
  "DelegatedPermissionGrant.ReadWrite.All": "8e8e4742-1d95-4f68-9d56-6ee75648c72a",
  "Domain.Read.All": "dbb9058a-0e50-45d7-ae91-66909b5d4664",
  "Domain.ReadWrite.All": "7e05723c-0bb0-42da-be95-ae9f08a6e53c",
};

/**
 * Delegated permissions (scopes) the emulator offers on Microsoft Graph. Their real ids were not in
 * the sources we checked (api-surface 10.5 lists application permissions only), so each id is made
 * up deterministically from the scope name: stable across runs, but not Microsoft's.
 */
export const GRAPH_DELEGATED_SCOPES: readonly string[] = [
  "openid",
  "profile",
  "email",
  "offline_access",
  "User.Read",
  ...Object.keys(GRAPH_APP_ROLES).filter((p) => !p.endsWith(".OwnedBy")),
  // Delegated only (no app role): fraud protection providers (riskPreventionContainer reference).
  "RiskPreventionProviders.Read.All",
  "RiskPreventionProviders.ReadWrite.All",
];

/** The made-up, stable id of a delegated Graph scope (see {@link GRAPH_DELEGATED_SCOPES}). */
export function graphScopeId(value: string): string {
  const hex = createHash("sha256").update(`graph-delegated:${value}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const describe = (permission: string): string => {
  const [resource = permission, action = "", scope = ""] = permission.split(".");
  const verb = action.startsWith("ReadWrite") ? "read and write" : "read";
  return `Allows the app to ${verb} ${resource} data${scope === "All" ? " in the organization" : ""}.`;
};

/** Microsoft Graph's service principal in a tenant, with its app roles and delegated scopes. */
export function graphServicePrincipal(tenant: TenantInfo, ids: IdSource): JsonObject {
  const appRoles = Object.entries(GRAPH_APP_ROLES).map(([value, id]) => ({
    ...blank("appRole"),
    id,
    value,
    displayName: value,
    description: describe(value),
    allowedMemberTypes: ["Application"],
    isEnabled: true,
    origin: "Application",
  }));
  const scopes = GRAPH_DELEGATED_SCOPES.map((value) => ({
    ...blank("permissionScope"),
    id: graphScopeId(value),
    value,
    type: value.endsWith(".All") ? "Admin" : "User",
    adminConsentDisplayName: value,
    adminConsentDescription: describe(value),
    userConsentDisplayName: value,
    userConsentDescription: describe(value),
    isEnabled: true,
    origin: "Application",
  }));
  const app = {
    appId: GRAPH_APP_ID,
    displayName: "Microsoft Graph",
    appRoles,
    api: { oauth2PermissionScopes: scopes },
    identifierUris: ["https://graph.microsoft.com", "https://canary.graph.microsoft.com"],
    signInAudience: "AzureADMultipleOrgs",
    tags: [],
  };
  return newServicePrincipal(tenant, app, {}, ids, MICROSOFT_SERVICES_TENANT_ID);
}
