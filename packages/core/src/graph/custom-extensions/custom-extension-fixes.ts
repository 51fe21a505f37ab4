/**
 * What to do about each finding of `validateAuthenticationConfiguration`, and the fix `custom_extension_wire`
 * makes when asked (`fix: true`): the protecting app's service principal created, and Microsoft Graph's
 * `CustomAuthenticationExtensions.Receive.Payload` application permission granted to it, so that Entra
 * can call the endpoint with a token for it.
 */
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import type { ChangeLog } from "../../operations/change-actions.ts";
import { appRoleId, resourceWithRoles } from "../service-principals/resolve-app-role.ts";
import {
  assignAppRole,
  createServicePrincipal,
  findServicePrincipal,
  listAssignmentsOf,
  MICROSOFT_GRAPH_APP_ID,
} from "../service-principals/service-principals-client.ts";

/** The permission Entra needs the protecting app's service principal to hold. */
export const RECEIVE_PAYLOAD = "CustomAuthenticationExtensions.Receive.Payload";

const FIXES: Readonly<Record<string, string>> = {
  IncorrectResourceIdFormat:
    "Set resourceId to api://{targetUrl host}/{appId}, or give appId instead (custom_extension_update).",
  DomainNameDoesNotMatch:
    "Make resourceId's host the targetUrl's host, or give appId instead (custom_extension_update).",
  ServicePrincipalNotFound:
    "Create the protecting app's service principal: custom_extension_wire with fix: true, or service_principal_create.",
  PermissionNotGrantedToServicePrincipal: `Grant ${RECEIVE_PAYLOAD} to the protecting app: custom_extension_wire with fix: true, or app_grant.`,
};

/** The fix of each finding that has one, once each. */
export const fixesFor = (findings: readonly { code: string }[]): string[] => [
  ...new Set(findings.flatMap((f) => (FIXES[f.code] === undefined ? [] : [FIXES[f.code] as string]))),
];

/**
 * Makes the protecting app (`appId`) callable: creates its service principal if it has none and grants
 * it {@link RECEIVE_PAYLOAD} if not granted; each change noted in `log`.
 */
export async function fixAuthSetup(
  graph: ServiceClient,
  appId: string,
  log: ChangeLog,
  options: Pick<RequestOptions, "signal"> = {},
): Promise<void> {
  let sp = await findServicePrincipal(graph, appId, options);
  if (sp === undefined) {
    sp = await createServicePrincipal(graph, appId, options);
    log.note("created", "servicePrincipal", sp.id, `for ${appId}`);
  }
  const resource = await resourceWithRoles(graph, MICROSOFT_GRAPH_APP_ID, options.signal);
  const roleId = appRoleId(resource, RECEIVE_PAYLOAD);
  const principalId = sp.id;
  const granted = (await listAssignmentsOf(graph, principalId, options)).some(
    (a) => a.appRoleId === roleId && a.resourceId === resource.id,
  );
  if (granted) return;
  await assignAppRole(graph, resource.id, principalId, roleId, options);
  log.note("added", "appRoleAssignment", principalId, `${RECEIVE_PAYLOAD} granted`);
}
