import { GRAPH_APP_ID } from "../graph/entities/graph-service-principal.ts";
import { AadstsError, aadsts } from "./aadsts.ts";
import { ARM_AUDIENCE, GRAPH_AUDIENCE } from "./access-token.ts";

/** OpenID Connect scopes MSAL adds to user flows; they name no resource. */
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

/** Resource identifiers the token service knows, mapped to the `aud` it issues for them. */
const RESOURCES: ReadonlyArray<readonly [string, string]> = [
  ["https://graph.microsoft.com", GRAPH_AUDIENCE],
  [GRAPH_APP_ID, GRAPH_AUDIENCE],
  ["https://management.azure.com", ARM_AUDIENCE],
  ["https://management.core.windows.net", ARM_AUDIENCE],
  ["797f4846-ba00-4fd7-ba43-dac1f8f63013", ARM_AUDIENCE],
];

/** A token request's scopes, split into the one resource they address and the permission names. */
export interface ScopeRequest {
  audience: string;
  /** Permission names after the resource prefix: `.default`, `User.Read.All`. */
  names: string[];
}

/**
 * Parses `scope` the way Entra does: one resource per request (AADSTS28000 otherwise), bare
 * permission names mean Microsoft Graph, OIDC scopes are ignored. With `requireDefault` (client
 * credentials) the only allowed scope is `{resource}/.default` (AADSTS1002012).
 */
export function parseScopes(scope: string | null, requireDefault: boolean): ScopeRequest {
  if (scope === null || scope.trim() === "") throw aadsts.missingScope();
  const parts = scope.split(/\s+/).filter((s) => s !== "" && !OIDC_SCOPES.has(s.toLowerCase()));
  if (parts.length === 0) throw aadsts.missingScope();
  let audience: string | undefined;
  const names: string[] = [];
  for (const part of parts) {
    const { aud, name } = resolve(part);
    if (audience !== undefined && audience !== aud) {
      throw new AadstsError(
        400,
        "invalid_request",
        28000,
        "Provide value for the input parameter scope which contains only one resource.",
      );
    }
    audience = aud;
    names.push(name);
  }
  if (requireDefault && (names.length !== 1 || names[0] !== ".default")) {
    throw aadsts.invalidScope(
      scope,
      "Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
    );
  }
  return { audience: audience as string, names };
}

function resolve(scope: string): { aud: string; name: string } {
  const lower = scope.toLowerCase();
  for (const [prefix, aud] of RESOURCES) {
    if (lower.startsWith(`${prefix}/`)) return { aud, name: scope.slice(prefix.length + 1) };
  }
  if (!scope.includes("/") && !scope.includes(":")) return { aud: GRAPH_AUDIENCE, name: scope };
  const resource = scope.replace(/\/[^/]*$/, "");
  throw new AadstsError(
    400,
    "invalid_resource",
    500011,
    `The resource principal named ${resource} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
  );
}
