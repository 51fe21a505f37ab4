/**
 * The live configuration of a tenant, as tenant as code compares it: every object of the managed
 * kinds, read through each kind's mapping module. The seven entity sets are read in one `$batch`
 * request (https://learn.microsoft.com/graph/json-batching), with `$top` at Graph's maximum where the
 * set takes it, so a tenant's configuration usually costs one request; further pages follow their
 * next links, and a set whose read fails in the batch is read again on its own, which raises the
 * error its kind's client would (a missing permission named, say).
 */
import { applicationMapping } from "../graph/applications/application-mapping.ts";
import type { Application } from "../graph/applications/application-schema.ts";
import { organizationId } from "../graph/branding/branding-client.ts";
import { brandingMapping } from "../graph/branding/branding-mapping.ts";
import type { Branding } from "../graph/branding/branding-schema.ts";
import { customExtensionMapping } from "../graph/custom-extensions/custom-extension-mapping.ts";
import type { CustomExtension } from "../graph/custom-extensions/custom-extension-schema.ts";
import { eventListenerMapping } from "../graph/event-listeners/event-listener-mapping.ts";
import type { EventListener } from "../graph/event-listeners/event-listener-schema.ts";
import { groupMapping } from "../graph/groups/group-mapping.ts";
import type { Group } from "../graph/groups/group-schema.ts";
import { identityProviderMapping } from "../graph/identity-providers/identity-provider-mapping.ts";
import type { IdentityProvider } from "../graph/identity-providers/identity-provider-schema.ts";
import { userFlowAttributeMapping } from "../graph/user-flow-attributes/user-flow-attribute-mapping.ts";
import type { UserFlowAttribute } from "../graph/user-flow-attributes/user-flow-attribute-schema.ts";
import { userFlowMapping } from "../graph/user-flows/user-flow-mapping.ts";
import type { UserFlow } from "../graph/user-flows/user-flow-schema.ts";
import { runBatch } from "../http/batch.ts";
import { paginate, paginatePages } from "../http/paginate.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { type BrandingFilesState, readBrandingFiles } from "./branding-file-steps.ts";
import { type Resources, readResources } from "./permission-resources.ts";

/** Every object of the managed kinds, as each kind's mapping reads it. */
export interface TenantState {
  attributes: UserFlowAttribute[];
  providers: IdentityProvider[];
  applications: Application[];
  groups: Group[];
  flows: UserFlow[];
  extensions: CustomExtension[];
  listeners: EventListener[];
  /** The default branding (`0`) and its localizations. */
  branding: Branding[];
  /** The images and CSS each branding has uploaded (by Graph id, then stream). */
  brandingFiles: BrandingFilesState;
  /** The organization the branding belongs to. */
  organizationId: string;
  /** The resources applications require permissions on, with their permissions' names. */
  resources: Resources;
}

/** A set read at `url`, whose records `mapping` makes the kind's typed objects. */
function graphSet<G, T>(url: string, mapping: { fromGraph(raw: G): T }) {
  return { url, convert: (raw: unknown) => mapping.fromGraph(raw as G) };
}

/** Each set: where it is read, and how its records become the kind's typed objects. */
const SETS = {
  attributes: graphSet("/identity/userFlowAttributes", userFlowAttributeMapping),
  providers: graphSet("/identity/identityProviders", identityProviderMapping),
  applications: graphSet(
    "/applications?$select=id,appId,displayName,signInAudience,web,spa,requiredResourceAccess&$top=999",
    applicationMapping,
  ),
  groups: graphSet(
    "/groups?$select=id,displayName,description,securityEnabled,mailEnabled,groupTypes&$top=999",
    groupMapping,
  ),
  flows: graphSet("/identity/authenticationEventsFlows", userFlowMapping),
  extensions: graphSet("/identity/customAuthenticationExtensions", customExtensionMapping),
  listeners: graphSet("/identity/authenticationEventListeners", eventListenerMapping),
} as const;

type Key = keyof typeof SETS | "branding";

interface Collection {
  value?: unknown[];
  "@odata.nextLink"?: string;
}

/**
 * Reads the tenant's configuration: one `$batch` for the first page of every set, then any next
 * pages, then one `$batch` for the service principals of the resources the applications require
 * permissions on and of the resources `resourceNames` names (a spec's resources, by name or client id).
 */
export async function readTenantState(
  client: { graph: ServiceClient; tenantId: string },
  signal?: AbortSignal,
  resourceNames: Iterable<string> = [],
): Promise<TenantState> {
  const { graph } = client;
  // The organization id is the tenant id when that is a GUID (no request).
  const orgId = await organizationId(graph, client.tenantId, { signal });
  const sets = {
    ...SETS,
    branding: graphSet(`/organization/${orgId}/branding/localizations`, brandingMapping),
  };
  const keys = Object.keys(sets) as Key[];
  const results = await runBatch(
    graph,
    keys.map((key) => ({ id: key, method: "GET" as const, url: sets[key].url })),
    { signal, concurrency: 1 },
  );
  const out: Record<string, unknown[]> = {};
  await Promise.all(
    keys.map(async (key, i) => {
      const set = sets[key];
      const result = results[i];
      const items: unknown[] = [];
      if (result?.status === 200) {
        const body = (result.body ?? {}) as Collection;
        items.push(...(body.value ?? []));
        const next = body["@odata.nextLink"];
        if (next !== undefined)
          for await (const page of paginatePages(graph, next, { signal })) items.push(...page.items);
      } else {
        // Read on its own, the set's failure is raised as the service's error, classified.
        for await (const raw of paginate(graph, set.url, { signal })) items.push(raw);
      }
      const convert = set.convert as (raw: unknown) => unknown;
      out[key] = items.map((raw) => convert(raw));
    }),
  );
  const applications = out.applications as Application[];
  // A resource the spec names that is an application of the tenant is read by its client id.
  const appIds = new Map(
    applications.flatMap((a) =>
      a.displayName == null || a.appId == null ? [] : [[a.displayName.toLowerCase(), a.appId]],
    ),
  );
  const resources = await readResources(
    graph,
    applications.flatMap((a) => (a.requiredResourceAccess ?? []).map((r) => r.resourceAppId)),
    [...resourceNames].map((name) => appIds.get(name.toLowerCase()) ?? name),
    signal,
  );
  const brandingFiles = await readBrandingFiles(graph, orgId, out.branding as Branding[], signal);
  return {
    ...(out as unknown as Omit<TenantState, "organizationId" | "resources" | "brandingFiles">),
    organizationId: orgId,
    resources,
    brandingFiles,
  };
}
