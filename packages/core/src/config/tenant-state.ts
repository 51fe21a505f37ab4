/**
 * The live configuration of a tenant, as tenant as code compares it: every object of the managed
 * kinds, read through each kind's mapping module, in as few requests as Graph allows (each entity
 * set whole, with `$top` at Graph's maximum so a page holds what a tenant usually has).
 */
import { applicationMapping, type GraphApplication } from "../graph/applications/application-mapping.ts";
import type { Application } from "../graph/applications/application-schema.ts";
import type { CustomExtension } from "../graph/custom-extensions/custom-extension-schema.ts";
import { listAllCustomExtensions } from "../graph/custom-extensions/custom-extensions-client.ts";
import { entitySetClient } from "../graph/entity-set-client.ts";
import { eventListenerMapping, type GraphListener } from "../graph/event-listeners/event-listener-mapping.ts";
import type { EventListener } from "../graph/event-listeners/event-listener-schema.ts";
import { type GraphGroup, groupMapping } from "../graph/groups/group-mapping.ts";
import type { Group } from "../graph/groups/group-schema.ts";
import type { IdentityProvider } from "../graph/identity-providers/identity-provider-schema.ts";
import { listProviders } from "../graph/identity-providers/identity-providers-client.ts";
import type { UserFlowAttribute } from "../graph/user-flow-attributes/user-flow-attribute-schema.ts";
import { listAttributes } from "../graph/user-flow-attributes/user-flow-attributes-client.ts";
import type { UserFlow } from "../graph/user-flows/user-flow-schema.ts";
import { listFlows } from "../graph/user-flows/user-flows-client.ts";
import { paginate } from "../http/paginate.ts";
import type { ServiceClient } from "../http/service-client.ts";

/** Every object of the managed kinds, as each kind's mapping reads it. */
export interface TenantState {
  attributes: UserFlowAttribute[];
  providers: IdentityProvider[];
  applications: Application[];
  groups: Group[];
  flows: UserFlow[];
  extensions: CustomExtension[];
  listeners: EventListener[];
}

const listeners = entitySetClient<GraphListener, EventListener>(
  "/identity/authenticationEventListeners",
  eventListenerMapping.fromGraph,
);

const APP_FIELDS = "id,appId,displayName,signInAudience,web,spa,requiredResourceAccess";
const GROUP_FIELDS = "id,displayName,description,securityEnabled,mailEnabled,groupTypes";

async function all<Raw, T>(
  graph: ServiceClient,
  path: string,
  select: string,
  convert: (raw: Raw) => T,
  signal?: AbortSignal,
) {
  const out: T[] = [];
  for await (const raw of paginate<Raw>(graph, path, { query: { $select: select, $top: 999 }, signal }))
    out.push(convert(raw));
  return out;
}

/** Reads the tenant's configuration (the seven entity sets, in parallel). */
export async function readTenantState(graph: ServiceClient, signal?: AbortSignal): Promise<TenantState> {
  const options = { signal };
  const [attributes, providers, applications, groups, flows, extensions, eventListeners] = await Promise.all([
    listAttributes(graph, options),
    listProviders(graph, options),
    all<GraphApplication, Application>(
      graph,
      "/applications",
      APP_FIELDS,
      applicationMapping.fromGraph,
      signal,
    ),
    all<GraphGroup, Group>(graph, "/groups", GROUP_FIELDS, groupMapping.fromGraph, signal),
    listFlows(graph, options),
    listAllCustomExtensions(graph, options),
    listeners.all(graph, options),
  ]);
  return { attributes, providers, applications, groups, flows, extensions, listeners: eventListeners };
}
