/**
 * Delegated permission grants (`oauth2PermissionGrant`): admin consent (consentType AllPrincipals) for a
 * client to call a resource with scopes on behalf of any user. Graph keeps one grant per client,
 * resource and principal; its `scope` is a space-separated list.
 */
import { eq } from "../../http/odata.ts";
import { paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { segment } from "../common.ts";
import type { ServicePrincipal } from "./service-principal-schema.ts";
import { requireServicePrincipal } from "./service-principals-client.ts";

type Common = Pick<RequestOptions, "signal">;

/** `oAuth2PermissionGrant` (Graph CSDL). */
export interface DelegatedGrant {
  id: string;
  clientId: string;
  resourceId: string;
  consentType?: string | null;
  principalId?: string | null;
  scope?: string | null;
}

/** The scopes of a grant's `scope` string. */
export const scopesOf = (grant: Pick<DelegatedGrant, "scope">): string[] =>
  (grant.scope ?? "").split(" ").filter((s) => s !== "");

/** Every delegated grant a client service principal holds. */
export async function grantsOfClient(
  graph: ServiceClient,
  clientId: string,
  options: Common = {},
): Promise<DelegatedGrant[]> {
  const all: DelegatedGrant[] = [];
  const query = { $filter: String(eq("clientId", clientId)) };
  for await (const g of paginate<DelegatedGrant>(graph, "/oauth2PermissionGrants", { ...options, query }))
    all.push(g);
  return all;
}

/** The tenant-wide (admin consent) grant of a client on a resource, if any. */
export async function adminGrant(
  graph: ServiceClient,
  clientId: string,
  resourceId: string,
  options: Common = {},
): Promise<DelegatedGrant | undefined> {
  return (await grantsOfClient(graph, clientId, options)).find(
    (g) => g.resourceId === resourceId && g.consentType === "AllPrincipals",
  );
}

/** A resource's service principal with the delegated scopes it offers. */
export function resourceWithScopes(
  graph: ServiceClient,
  resourceAppId: string,
  signal?: AbortSignal,
): Promise<ServicePrincipal & { oauth2PermissionScopes?: { value?: string | null }[] | null }> {
  return requireServicePrincipal(graph, resourceAppId, {
    select: "id,appId,displayName,oauth2PermissionScopes",
    signal,
  });
}

/** The scopes as the resource spells them; an unknown one is an {@link InputError} naming those offered. */
export function offeredScopes(
  resource: ServicePrincipal & { oauth2PermissionScopes?: { value?: string | null }[] | null },
  wanted: readonly string[],
): string[] {
  const offered = (resource.oauth2PermissionScopes ?? []).flatMap((s) => (s.value ? [s.value] : []));
  return wanted.map((w) => {
    const found = offered.find((o) => o.toLowerCase() === w.toLowerCase());
    if (found !== undefined) return found;
    throw new InputError(
      `${resource.displayName ?? resource.appId} offers no delegated permission named ${JSON.stringify(w)}${
        offered.length === 0
          ? ""
          : ` (it offers ${offered.slice(0, 8).join(", ")}${offered.length > 8 ? ", …" : ""})`
      }.`,
    );
  });
}

/** Creates an admin-consent grant. */
export function createAdminGrant(
  graph: ServiceClient,
  clientId: string,
  resourceId: string,
  scopes: readonly string[],
  options: Common = {},
): Promise<DelegatedGrant> {
  return graph.post<DelegatedGrant>(
    "/oauth2PermissionGrants",
    { clientId, consentType: "AllPrincipals", resourceId, scope: scopes.join(" ") },
    { ...options, readAfterWrite: true },
  );
}

/** Sets a grant's scopes. */
export async function setGrantScopes(
  graph: ServiceClient,
  grantId: string,
  scopes: readonly string[],
  options: Common = {},
): Promise<void> {
  await graph.patch(`/oauth2PermissionGrants/${segment(grantId)}`, { scope: scopes.join(" ") }, options);
}

/** Deletes a grant. */
export function deleteGrant(graph: ServiceClient, grantId: string, options: Common = {}): Promise<void> {
  return graph.delete(`/oauth2PermissionGrants/${segment(grantId)}`, options);
}
