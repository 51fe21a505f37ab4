import { z } from "zod";
import { paginate } from "../../http/paginate.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { segment } from "../common.ts";
import type { AppRoleAssignment, ServicePrincipal } from "../service-principals/service-principal-schema.ts";
import { requireServicePrincipal } from "../service-principals/service-principals-client.ts";

/** The role id Graph uses for access to an app without a specific role. */
export const DEFAULT_ACCESS_ROLE = "00000000-0000-0000-0000-000000000000";

/** An app role assignment of a user or group, with the role's value. */
export const roleAssignmentSchema = z.object({
  id: z.string(),
  role: z.string(),
  principalId: z.string().nullish(),
  principalType: z.string().nullish(),
  principalDisplayName: z.string().nullish(),
});

/** The app's service principal, with the roles it offers. */
export function appWithRoles(graph: ServiceClient, appId: string, signal: AbortSignal | undefined) {
  return requireServicePrincipal(graph, appId, { select: "id,appId,displayName,appRoles", signal });
}

/** A user-assignable role of the app by value or display name (case-insensitive); none: default access. */
export function userRoleId(app: ServicePrincipal, role: string | undefined): string {
  if (role === undefined) return DEFAULT_ACCESS_ROLE;
  const roles = (app.appRoles ?? []).filter(
    (r) => r.isEnabled !== false && (r.allowedMemberTypes ?? []).includes("User"),
  );
  const found = roles.find(
    (r) =>
      r.value?.toLowerCase() === role.toLowerCase() || r.displayName?.toLowerCase() === role.toLowerCase(),
  );
  if (found !== undefined) return found.id;
  const offered = roles.map((r) => r.value ?? r.displayName ?? r.id);
  throw new InputError(
    `role: ${app.displayName ?? app.appId} has no role ${JSON.stringify(role)} for users and groups; ${
      offered.length === 0
        ? "it defines none (add app roles to the app, or omit role for plain access)"
        : `its roles: ${offered.join(", ")}`
    }.`,
  );
}

/** An assignment as {@link roleAssignmentSchema}, naming its role. */
export function describeAssignment(
  app: ServicePrincipal,
  a: AppRoleAssignment,
): z.infer<typeof roleAssignmentSchema> {
  const role =
    a.appRoleId === DEFAULT_ACCESS_ROLE
      ? "default"
      : ((app.appRoles ?? []).find((r) => r.id === a.appRoleId)?.value ?? a.appRoleId);
  return {
    id: a.id,
    role,
    principalId: a.principalId,
    principalType: a.principalType,
    principalDisplayName: a.principalDisplayName,
  };
}

/** Every assignment of the app's roles (`appRoleAssignedTo`). */
export async function assignmentsTo(
  graph: ServiceClient,
  app: ServicePrincipal,
  signal: AbortSignal | undefined,
): Promise<AppRoleAssignment[]> {
  const all: AppRoleAssignment[] = [];
  for await (const a of paginate<AppRoleAssignment>(
    graph,
    `/servicePrincipals/${segment(app.id)}/appRoleAssignedTo`,
    {
      signal,
    },
  ))
    all.push(a);
  return all;
}
