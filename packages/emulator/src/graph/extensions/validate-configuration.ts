import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { TenantState } from "../../store/store.ts";
import { GRAPH_APP_ID, GRAPH_APP_ROLES } from "../entities/graph-service-principal.ts";

type GenericError = JsonObject & { code: string; message: string };

const RESOURCE_ID = /^api:\/\/([^/\s]+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * `validateAuthenticationConfiguration` (api-surface 5.1): checks the resourceId shape
 * `api://{fqdn}/{appId}`, that the fqdn is the targetUrl's host, that the appId has a service principal
 * in the tenant (errors), and that this service principal holds Graph's
 * CustomAuthenticationExtensions.Receive.Payload app role (warning). Codes and messages are the ones
 * the v1.0 page shows (customauthenticationextension-validateauthenticationconfiguration).
 */
export function validateAuthenticationConfiguration(
  tenant: TenantState,
  endpointConfiguration: JsonObject | null,
  authenticationConfiguration: JsonObject | null,
): { errors: GenericError[]; warnings: GenericError[] } {
  const errors: GenericError[] = [];
  const warnings: GenericError[] = [];
  const resourceId = String(authenticationConfiguration?.resourceId ?? "");
  const targetUrl = String(endpointConfiguration?.targetUrl ?? "");
  const m = RESOURCE_ID.exec(resourceId);
  if (m === null) {
    errors.push({
      code: "IncorrectResourceIdFormat",
      message: "ResourceId should be in the format of 'api://{fully qualified domain name}/{appid}'",
    });
  }
  const fqdn = m?.[1] ?? /^api:\/\/([^/]+)\//i.exec(resourceId)?.[1];
  let host: string | undefined;
  try {
    host = new URL(targetUrl).host;
  } catch {
    host = undefined;
  }
  if (fqdn === undefined || host === undefined || fqdn.toLowerCase() !== host.toLowerCase()) {
    errors.push({
      code: "DomainNameDoesNotMatch",
      message: "The fully qualified domain name in resourceId should match that of the targetUrl",
    });
  }
  const appId = (m?.[2] ?? /([0-9a-f-]{36})\/?$/i.exec(resourceId)?.[1])?.toLowerCase();
  const sps = [...tenant.collection(COLLECTIONS.servicePrincipals).values()];
  const sp = appId === undefined ? undefined : sps.find((s) => String(s.appId).toLowerCase() === appId);
  if (sp === undefined) {
    errors.push({
      code: "ServicePrincipalNotFound",
      message: "The appId of the resourceId should correspond to a real service principal in the tenant",
    });
  }
  const graph = sps.find((s) => s.appId === GRAPH_APP_ID);
  const role = GRAPH_APP_ROLES["CustomAuthenticationExtensions.Receive.Payload"];
  const granted =
    sp !== undefined &&
    graph !== undefined &&
    [...tenant.collection(COLLECTIONS.appRoleAssignments).values()].some(
      (a) => a.principalId === sp.id && a.resourceId === graph.id && a.appRoleId === role,
    );
  if (!granted) {
    warnings.push({
      code: "PermissionNotGrantedToServicePrincipal",
      message:
        "The permission CustomAuthenticationExtensions.Receive.Payload is not granted to the service principal of the resource app",
    });
  }
  return { errors, warnings };
}
