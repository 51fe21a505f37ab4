/**
 * What an application exposes, in tenant as code: identifier URIs (`{appId}` standing for the app's own
 * client id, so a spec applies to any tenant), delegated scopes and app roles by value. Graph removes
 * only a disabled scope or role, so apply disables one the spec leaves out, then removes it.
 */
import type { Application } from "../graph/applications/application-schema.ts";
import {
  type GraphAppRole,
  type GraphScope,
  mergeAppRoles,
  mergeScopes,
} from "../graph/applications/entitlements.ts";
import { segment } from "../graph/common.ts";
import type { ServiceClient } from "../http/service-client.ts";
import type { ApplicationSpec } from "./spec-schema.ts";

type Exposed = Pick<ApplicationSpec, "identifierUris" | "scopes" | "appRoles">;
const some = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** The spec form of what a live application exposes (defaults left out: enabled, admin-only, User). */
export function exposedSpec(app: Application): Exposed {
  const appId = app.appId ?? "";
  return {
    identifierUris: some(
      (app.identifierUris ?? []).map((u) => (appId === "" ? u : u.split(appId).join("{appId}"))),
    ),
    scopes: some(
      (app.api?.oauth2PermissionScopes ?? []).flatMap((s) =>
        s.value == null
          ? []
          : [
              {
                value: s.value,
                ...(s.adminConsentDisplayName ? { displayName: s.adminConsentDisplayName } : {}),
                ...(s.adminConsentDescription ? { description: s.adminConsentDescription } : {}),
                ...(s.type === "User" ? { userConsent: true } : {}),
                ...(s.isEnabled === false ? { enabled: false } : {}),
              },
            ],
      ),
    ),
    appRoles: some(
      (app.appRoles ?? []).flatMap((r) =>
        r.value == null
          ? []
          : [
              {
                value: r.value,
                ...(r.displayName ? { displayName: r.displayName } : {}),
                ...(r.description ? { description: r.description } : {}),
                ...(r.allowedMemberTypes?.length
                  ? { members: r.allowedMemberTypes as ("User" | "Application")[] }
                  : {}),
                ...(r.isEnabled === false ? { enabled: false } : {}),
              },
            ],
      ),
    ),
  };
}

interface Current {
  api?: (Record<string, unknown> & { oauth2PermissionScopes?: GraphScope[] | null }) | null;
  appRoles?: GraphAppRole[] | null;
}

const lc = (s: string | null | undefined) => (s ?? "").toLowerCase();
/** Values live but not in the spec. */
const left = (live: readonly { value?: string | null }[], spec: readonly { value: string }[]) =>
  live.flatMap((l) => (l.value != null && !spec.some((s) => lc(s.value) === lc(l.value)) ? [l.value] : []));

/** Sets what an application exposes as the spec states it (only the fields given in `fields`). */
export async function applyExposure(
  graph: ServiceClient,
  target: { id: string; appId: string },
  app: Exposed,
  fields: { identifierUris: boolean; scopes: boolean; appRoles: boolean },
  signal?: AbortSignal,
): Promise<void> {
  const path = `/applications/${segment(target.id)}`;
  const body: Record<string, unknown> = {};
  if (fields.identifierUris && app.identifierUris !== undefined)
    body.identifierUris = app.identifierUris.map((u) => u.split("{appId}").join(target.appId));
  const scopes = fields.scopes ? app.scopes : undefined;
  const roles = fields.appRoles ? app.appRoles : undefined;
  if (scopes !== undefined || roles !== undefined) {
    const current = (await graph.get<Current>(path, { query: { $select: "api,appRoles" }, signal })) ?? {};
    let liveScopes = current.api?.oauth2PermissionScopes ?? [];
    let liveRoles = current.appRoles ?? [];
    const goneScopes = scopes === undefined ? [] : left(liveScopes, scopes);
    const goneRoles = roles === undefined ? [] : left(liveRoles, roles);
    const off = (values: string[]) => values.map((value) => ({ value, enabled: false }));
    // Graph refuses removing an enabled scope or role: disable the ones leaving first.
    if (goneScopes.length > 0 || goneRoles.length > 0) {
      liveScopes = mergeScopes(liveScopes, off(goneScopes)) ?? liveScopes;
      liveRoles = mergeAppRoles(liveRoles, off(goneRoles)) ?? liveRoles;
      await graph.patch(
        path,
        { api: { ...current.api, oauth2PermissionScopes: liveScopes }, appRoles: liveRoles },
        { signal },
      );
    }
    if (scopes !== undefined)
      body.api = { ...current.api, oauth2PermissionScopes: mergeScopes(liveScopes, scopes, goneScopes) };
    if (roles !== undefined) body.appRoles = mergeAppRoles(liveRoles, roles, goneRoles);
  }
  if (Object.keys(body).length > 0) await graph.patch(path, body, { signal });
}
