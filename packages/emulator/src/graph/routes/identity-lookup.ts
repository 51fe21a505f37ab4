import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import type { TenantState } from "../../store/store.ts";
import { newApplication } from "../entities/application.ts";
import { builtInProviders } from "../entities/identity-provider.ts";
import { newServicePrincipal } from "../entities/service-principal.ts";
import type { FlowLookups } from "../entities/user-flow.ts";
import { builtInAttributes } from "../entities/user-flow-attribute.ts";
import type { GraphRequest } from "../route.ts";

/**
 * Lookups the user-flow, attribute and identity-provider routes share. Collections: `identityProviders`
 * (configured providers, with `@odata.type`), `_identityProviderSecrets` (id → SecretHash),
 * `userFlowAttributes` (custom attributes), `authenticationEventsFlows` (see entities/user-flow.ts);
 * built-in providers and attributes are constants of the tenant kind.
 */

/** Every identity provider of the tenant: built-in first, then configured ones in creation order. */
export function allProviders(req: GraphRequest): JsonObject[] {
  return [
    ...builtInProviders(req.tenant.info.kind),
    ...req.tenant.collection(COLLECTIONS.identityProviders).values(),
  ];
}

/** A provider by id (case-insensitively, as Graph's keys compare). */
export function findProvider(req: GraphRequest, id: string): JsonObject | undefined {
  const key = id.toLowerCase();
  return allProviders(req).find((p) => String(p.id).toLowerCase() === key);
}

/** Every user-flow attribute: built-in, then custom. */
export function allAttributes(req: GraphRequest): JsonObject[] {
  return [...builtInAttributes(), ...req.tenant.collection(COLLECTIONS.userFlowAttributes).values()];
}

/** An attribute by id, case-insensitively. */
export function findAttribute(req: GraphRequest, id: string): JsonObject | undefined {
  const key = id.toLowerCase();
  return allAttributes(req).find((a) => String(a.id).toLowerCase() === key);
}

/** The tenant's user flows. */
export function flows(req: GraphRequest): JsonObject[] {
  return [...req.tenant.collection(COLLECTIONS.authenticationEventsFlows).values()];
}

/** Flows that reference an identity provider or an attribute, for refusing to delete what is in use. */
export function flowsUsing(
  req: GraphRequest,
  kind: "identityProviders" | "attributes",
  id: string,
): JsonObject[] {
  return flows(req).filter((f) => {
    const handler = (
      kind === "identityProviders" ? f.onAuthenticationMethodLoadStart : f.onAttributeCollection
    ) as JsonObject | null;
    return ((handler?.[kind] as JsonObject[] | undefined) ?? []).some((r) => r.id === id);
  });
}

/** The lookups a flow is checked with. */
export function flowLookups(req: GraphRequest): FlowLookups {
  return {
    provider: (id) => findProvider(req, id),
    attribute: (id) => findAttribute(req, id),
    appExists: (appId) =>
      [
        ...req.tenant.collection(COLLECTIONS.applications).values(),
        ...req.tenant.collection(COLLECTIONS.servicePrincipals).values(),
      ].some((a) => String(a.appId).toLowerCase() === appId),
    linkedFlow: (appId, exceptFlowId) =>
      flows(req).find(
        (f) =>
          f.id !== exceptFlowId &&
          (
            ((f.conditions as JsonObject).applications as JsonObject).includeApplications as JsonObject[]
          ).some((a) => a.appId === appId),
      ),
    extension: (id) =>
      req.tenant.collection(COLLECTIONS.customAuthenticationExtensions).get(id.toLowerCase()),
  };
}

/** Display name of the app whose directory extensions hold custom user-flow attributes. */
export const EXTENSIONS_APP_NAME = "b2c-extensions-app. Do not modify. Used by AADB2C for storing user data.";

/**
 * The client id of the tenant's extensions app, registering it on first use as Entra does when the
 * first custom attribute is created (its appId without dashes names the extension properties).
 */
export function extensionsAppId(req: GraphRequest): string {
  return tenantExtensionsAppId(req.tenant, req.now());
}

/** {@link extensionsAppId} for a tenant written directly (seeds). */
export function tenantExtensionsAppId(tenant: TenantState, now: Date): string {
  const apps = tenant.collection(COLLECTIONS.applications);
  const existing = [...apps.values()].find((a) => a.displayName === EXTENSIONS_APP_NAME);
  if (existing !== undefined) return existing.appId as string;
  const ids = { uuid: randomUUID, secret: () => "" };
  const app = newApplication(tenant.info, { displayName: EXTENSIONS_APP_NAME }, now, ids);
  apps.put(app.id as string, app);
  const sp = newServicePrincipal(tenant.info, app, {}, ids);
  tenant.collection(COLLECTIONS.servicePrincipals).put(sp.id as string, sp);
  return app.appId as string;
}
