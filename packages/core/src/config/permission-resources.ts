/**
 * The resources an application's required permissions point at, read through their service
 * principals: each resource's name and its permissions' names (`appRoles` for application
 * permissions, `oauth2PermissionScopes` for delegated ones), so a spec can say
 * `Microsoft Graph: { roles: [User.Read.All], scopes: [User.Read] }` instead of ids. One `$batch`
 * (of one GET per resource) after the tenant's read; none when no application requires a permission.
 */
import leven from "leven";
import { isGuid } from "../graph/fields.ts";
import { runBatch } from "../http/batch.ts";
import { eq } from "../http/odata.ts";
import type { ServiceClient } from "../http/service-client.ts";

/** A permission a resource offers: its id and its value (`User.Read`). */
interface Permission {
  id: string;
  value: string;
}

/** One resource: its client id, display name, and permissions by lower-case value and by id. */
export interface Resource {
  appId: string;
  displayName: string;
  roles: Map<string, Permission>;
  scopes: Map<string, Permission>;
  /** Values by lower-case id (roles and scopes). */
  names: { roles: Map<string, string>; scopes: Map<string, string> };
}

/** The resources read: by lower-case client id, and by lower-case display name (a name two share lists both). */
export interface Resources {
  byAppId: Map<string, Resource>;
  byName: Map<string, Resource[]>;
}

interface GraphPrincipal {
  appId?: string | null;
  displayName?: string | null;
  appRoles?: { id: string; value?: string | null; allowedMemberTypes?: string[] | null }[] | null;
  oauth2PermissionScopes?: { id: string; value?: string | null }[] | null;
}

const SELECT = "id,appId,displayName,appRoles,oauth2PermissionScopes";

/** No resources (nothing read). */
export const noResources = (): Resources => ({ byAppId: new Map(), byName: new Map() });

function toResource(sp: GraphPrincipal): Resource | undefined {
  if (sp.appId == null) return undefined;
  const index = (items: { id: string; value?: string | null }[]) => {
    const byValue = new Map<string, Permission>();
    const byId = new Map<string, string>();
    for (const p of items) {
      if (p.value == null || p.value === "") continue;
      byValue.set(p.value.toLowerCase(), { id: p.id, value: p.value });
      byId.set(p.id.toLowerCase(), p.value);
    }
    return { byValue, byId };
  };
  const roles = index(
    (sp.appRoles ?? []).filter((r) => (r.allowedMemberTypes ?? ["Application"]).includes("Application")),
  );
  const scopes = index(sp.oauth2PermissionScopes ?? []);
  return {
    appId: sp.appId,
    displayName: sp.displayName ?? sp.appId,
    roles: roles.byValue,
    scopes: scopes.byValue,
    names: { roles: roles.byId, scopes: scopes.byId },
  };
}

/**
 * Reads the service principals of the resources with these client ids and of those `names` gives
 * (display names, or client ids). A resource without a service principal in the tenant is simply not known: its
 * permissions stay ids.
 */
export async function readResources(
  graph: ServiceClient,
  appIds: Iterable<string>,
  names: Iterable<string>,
  signal?: AbortSignal,
): Promise<Resources> {
  const filters = new Map<string, string>();
  const byId = (id: string) =>
    filters.set(`appId:${id.toLowerCase()}`, String(eq("appId", id.toLowerCase())));
  for (const id of appIds) byId(id);
  // A spec's resource is a client id or a name.
  for (const name of names)
    if (isGuid(name)) byId(name);
    else filters.set(`name:${name.toLowerCase()}`, String(eq("displayName", name)));
  const out = noResources();
  if (filters.size === 0) return out;
  const requests = [...filters.values()].map((filter, i) => ({
    id: String(i),
    method: "GET" as const,
    url: `/servicePrincipals?$filter=${encodeURIComponent(filter)}&$select=${SELECT}`,
  }));
  const results = await runBatch(graph, requests, { signal, concurrency: 1 });
  for (const [i, request] of requests.entries()) {
    const result = results[i];
    let found: GraphPrincipal[];
    if (result?.status === 200) found = (result.body as { value?: GraphPrincipal[] })?.value ?? [];
    else {
      // Read on its own, a failure is raised as the service's error (a missing permission, say).
      const body = await graph.get<{ value?: GraphPrincipal[] }>(request.url, { signal });
      found = body?.value ?? [];
    }
    for (const sp of found) {
      const resource = toResource(sp);
      if (resource === undefined || out.byAppId.has(resource.appId.toLowerCase())) continue;
      out.byAppId.set(resource.appId.toLowerCase(), resource);
      const key = resource.displayName.toLowerCase();
      out.byName.set(key, [...(out.byName.get(key) ?? []), resource]);
    }
  }
  return out;
}

/** Up to three of `known`, nearest in spelling to `name` first. */
export function nearest(name: string, known: Iterable<string>): string[] {
  const target = name.toLowerCase();
  return [...known]
    .map((k) => ({ k, d: leven(target, k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, 3)
    .map((x) => x.k);
}
