/** The service principals resource client, including app role assignments (application permission grants). */
import { NotFoundError } from "../../http/errors.ts";
import { eq } from "../../http/odata.ts";
import { paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import type { AppRoleAssignment, ServicePrincipal } from "./service-principal-schema.ts";

type Common = Pick<RequestOptions, "signal">;

/** Microsoft Graph's well-known application id. */
export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/** The service principal of an application in this tenant, or `undefined` when it has none. */
export async function findServicePrincipal(
  graph: ServiceClient,
  appId: string,
  options: Common & { select?: string | undefined } = {},
): Promise<ServicePrincipal | undefined> {
  const body = await graph.get<{ value?: ServicePrincipal[] }>("/servicePrincipals", {
    ...options,
    query: { $filter: String(eq("appId", appId)), $select: options.select },
  });
  return body?.value?.[0];
}

/** Like {@link findServicePrincipal}, but a missing one is a {@link NotFoundError} that says how to create it. */
export async function requireServicePrincipal(
  graph: ServiceClient,
  appId: string,
  options: Common & { select?: string | undefined } = {},
): Promise<ServicePrincipal> {
  const sp = await findServicePrincipal(graph, appId, options);
  if (sp !== undefined) return sp;
  throw new NotFoundError({
    service: "graph",
    status: 404,
    code: "ServicePrincipalNotFound",
    message: `The application ${appId} has no service principal in this tenant; create one with \`ciam service-principal create --app-id ${appId}\`.`,
  });
}

/** Creates the service principal of an application. */
export function createServicePrincipal(
  graph: ServiceClient,
  appId: string,
  options: Common = {},
): Promise<ServicePrincipal> {
  return graph.post<ServicePrincipal>("/servicePrincipals", { appId }, { ...options, readAfterWrite: true });
}

/** Assignments of app roles granted *to* a service principal (what the app holds). */
export async function listAssignmentsOf(
  graph: ServiceClient,
  principalId: string,
  options: Common = {},
): Promise<AppRoleAssignment[]> {
  const all: AppRoleAssignment[] = [];
  for await (const a of paginate<AppRoleAssignment>(
    graph,
    `/servicePrincipals/${segment(principalId)}/appRoleAssignments`,
    options,
  ))
    all.push(a);
  return all;
}

/** Grants an app role of a resource to a principal (`POST appRoleAssignedTo`). */
export function assignAppRole(
  graph: ServiceClient,
  resourceId: string,
  principalId: string,
  appRoleId: string,
  options: Common = {},
): Promise<AppRoleAssignment> {
  return graph.post<AppRoleAssignment>(
    `/servicePrincipals/${segment(resourceId)}/appRoleAssignedTo`,
    { principalId, resourceId, appRoleId },
    { ...options, readAfterWrite: true },
  );
}

/** Revokes an app role assignment. */
export function removeAssignment(
  graph: ServiceClient,
  resourceId: string,
  assignmentId: string,
  options: Common = {},
): Promise<void> {
  return graph.delete(
    `/servicePrincipals/${segment(resourceId)}/appRoleAssignedTo/${segment(assignmentId)}`,
    options,
  );
}
