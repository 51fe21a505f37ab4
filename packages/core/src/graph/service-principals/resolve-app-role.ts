import { ValidationError } from "../../http/errors.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import type { ServicePrincipal } from "./service-principal-schema.ts";
import { MICROSOFT_GRAPH_APP_ID, requireServicePrincipal } from "./service-principals-client.ts";

/** A resource's service principal with its application permissions (app roles). */
export async function resourceWithRoles(
  graph: ServiceClient,
  resourceAppId: string,
  signal?: AbortSignal,
): Promise<ServicePrincipal> {
  return requireServicePrincipal(graph, resourceAppId, { select: "id,appId,displayName,appRoles", signal });
}

/**
 * The app role id of an application permission by its value (`User.ReadWrite.All`); the resource's
 * `appRoles` are the authoritative source of ids (api-surface §10.4).
 */
export function appRoleId(resource: ServicePrincipal, permission: string): string {
  const role = resource.appRoles?.find(
    (r) =>
      r.value?.toLowerCase() === permission.toLowerCase() &&
      (r.allowedMemberTypes ?? ["Application"]).includes("Application"),
  );
  if (role === undefined) {
    throw new ValidationError({
      service: "graph",
      status: 400,
      code: "UnknownPermission",
      message: `${resource.displayName ?? resource.appId} has no application permission named ${JSON.stringify(permission)}${
        resource.appId === MICROSOFT_GRAPH_APP_ID ? " (check the spelling, e.g. User.ReadWrite.All)" : ""
      }.`,
    });
  }
  return role.id;
}

/** The permission name of an app role id, or the id itself when the resource does not list it. */
export function permissionName(resource: ServicePrincipal, roleId: string): string {
  return resource.appRoles?.find((r) => r.id === roleId)?.value ?? roleId;
}
