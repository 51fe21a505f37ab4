/**
 * `app_update`'s read-change-write: the app's current lists are read once, the changes merged into
 * them (redirect URIs added and removed, scopes and roles by value, optional claims by token type,
 * required permissions by resource), every refusal raised before the one PATCH.
 */
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import type { GraphBody } from "../mapping.ts";
import { type ApplicationChanges, applicationMapping } from "./application-mapping.ts";
import type { Application } from "./application-schema.ts";
import { applicationPath, getApplication } from "./applications-client.ts";
import { type GraphAppRole, type GraphScope, mergeAppRoles, mergeScopes } from "./entitlements.ts";
import { applyFederated, planFederated } from "./federated-credential-changes.ts";
import { listFederatedCredentials } from "./federated-credentials.ts";
import { mergeRequiredAccess } from "./required-permissions.ts";
import type { ApplicationUpdate } from "./update-application-input.ts";

type Platform = "web" | "spa" | "publicClient";
const PLATFORMS: readonly Platform[] = ["web", "spa", "publicClient"];
const CLAIM_TYPES = ["idToken", "accessToken", "saml2Token"] as const;

interface CurrentApp {
  web?: { redirectUris?: string[] | null } | null;
  spa?: { redirectUris?: string[] | null } | null;
  publicClient?: { redirectUris?: string[] | null } | null;
  api?: (Record<string, unknown> & { oauth2PermissionScopes?: GraphScope[] | null }) | null;
  appRoles?: GraphAppRole[] | null;
  optionalClaims?: Record<string, ({ name?: unknown } & Record<string, unknown>)[] | null> | null;
  requiredResourceAccess?: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[] | null;
}

/** A platform's redirect URIs after the adds and removes, or `undefined` when neither names it. */
function redirectUris(
  current: CurrentApp,
  change: ApplicationUpdate,
  platform: Platform,
): string[] | undefined {
  const add = change.addRedirectUris?.[platform];
  const remove = change.removeRedirectUris?.[platform];
  if (add === undefined && remove === undefined) return undefined;
  const both = (add ?? []).filter((u) => remove?.includes(u));
  if (both.length > 0) throw new InputError(`${platform}: ${both.join(", ")} is both added and removed.`);
  const list = (current[platform]?.redirectUris ?? []).filter((u) => !remove?.includes(u));
  for (const u of add ?? []) if (!list.includes(u)) list.push(u);
  if (list.length > 256) throw new InputError(`${platform}: an app holds at most 256 redirect URIs.`);
  return list;
}

/** A token type's optional claims: the given names (a claim already there keeps its settings), else the stored ones. */
function claimsOf(
  current: CurrentApp,
  type: (typeof CLAIM_TYPES)[number],
  names: readonly string[] | undefined,
) {
  const stored = current.optionalClaims?.[type] ?? [];
  if (names === undefined) return stored;
  return names.map(
    (name) => stored.find((c) => c.name === name) ?? { name, essential: false, additionalProperties: [] },
  );
}

/** Whether the change needs the app's current lists. */
const readsCurrent = (c: ApplicationUpdate) =>
  [
    c.addRedirectUris,
    c.removeRedirectUris,
    c.scopes,
    c.removeScopes,
    c.appRoles,
    c.removeAppRoles,
    c.optionalClaims,
    c.requiredPermissions,
  ].some((v) => v !== undefined);

/** The PATCH body of a change (throws {@link InputError} for a change Graph would refuse or that changes nothing). */
async function patchBody(
  graph: ServiceClient,
  path: string,
  change: ApplicationUpdate,
  signal?: AbortSignal,
): Promise<GraphBody> {
  const current: CurrentApp = readsCurrent(change)
    ? ((await graph.get<CurrentApp>(path, {
        query: { $select: "id,web,spa,publicClient,api,appRoles,optionalClaims,requiredResourceAccess" },
        signal,
      })) ?? {})
    : {};
  const [web, spa, publicClient] = PLATFORMS.map((p) => redirectUris(current, change, p));
  const claims =
    change.optionalClaims === undefined
      ? undefined
      : Object.fromEntries(CLAIM_TYPES.map((t) => [t, claimsOf(current, t, change.optionalClaims?.[t])]));
  const changes: ApplicationChanges = {
    displayName: change.displayName,
    signInAudience: change.signInAudience,
    webRedirectUris: web,
    spaRedirectUris: spa,
    publicClientRedirectUris: publicClient,
    isFallbackPublicClient: change.isFallbackPublicClient,
    nativeAuthenticationApisEnabled: change.nativeAuthenticationApisEnabled,
    identifierUris: change.identifierUris,
    scopes: mergeScopes(current.api?.oauth2PermissionScopes ?? [], change.scopes, change.removeScopes),
    api: current.api,
    appRoles: mergeAppRoles(current.appRoles ?? [], change.appRoles, change.removeAppRoles),
    optionalClaims: claims,
    requiredResourceAccess:
      change.requiredPermissions === undefined
        ? undefined
        : await mergeRequiredAccess(
            graph,
            current.requiredResourceAccess ?? [],
            change.requiredPermissions,
            signal,
          ),
  };
  return applicationMapping.toGraphPatch(changes);
}

/** Applies a change to an app registration and returns it as it now is. */
export async function updateApplication(
  graph: ServiceClient,
  ref: { id: string } | { appId: string },
  change: ApplicationUpdate,
  signal?: AbortSignal,
): Promise<Application> {
  const path = applicationPath(ref);
  const body = await patchBody(graph, path, change, signal);
  const federated = await planFederated(
    graph,
    ref,
    change.federatedCredentials,
    change.removeFederatedCredentials,
    signal,
  );
  if (Object.keys(body).length > 0) await graph.patch(path, body, { signal });
  await applyFederated(graph, ref, federated, signal);
  return getApplicationWithCredentials(graph, ref, signal);
}

/** An app registration with its federated identity credentials (app_get, app_update). */
export async function getApplicationWithCredentials(
  graph: ServiceClient,
  ref: { id?: string | undefined; appId?: string | undefined },
  signal?: AbortSignal,
): Promise<Application> {
  const app = await getApplication(graph, ref, { signal });
  const credentials = await listFederatedCredentials(graph, { id: app.id }, { signal });
  return {
    ...app,
    federatedIdentityCredentials: credentials.map(({ name, issuer, subject, audiences }) => ({
      name,
      issuer,
      subject,
      audiences,
    })),
  };
}
