import type { JsonObject } from "../store/json.ts";
import type { TenantState } from "../store/store.ts";

/**
 * The tenant's OpenID Connect discovery document. The issuer sits on the authority's own origin
 * (`https://127.0.0.1:PORT/{tenantId}/v2.0`), which is what MSAL's issuer validation accepts for a
 * `knownAuthorities` host (emulator-notes 1.3).
 */
export function openIdConfiguration(loginOrigin: string, tenant: TenantState): JsonObject {
  const base = `${loginOrigin}/${tenant.info.id}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: issuerFor(loginOrigin, tenant.info.id),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${loginOrigin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    tenant_region_scope: null,
    cloud_instance_name: "ciamlogin.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  };
}

/** The `iss` of tokens for a tenant. */
export function issuerFor(loginOrigin: string, tenantId: string): string {
  return `${loginOrigin}/${tenantId}/v2.0`;
}
