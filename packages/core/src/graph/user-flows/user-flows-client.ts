/** The user-flows resource client: the Graph calls behind the user-flow operations (api-surface 2). */
import { NotFoundError } from "../../http/errors.ts";
import { any, eq } from "../../http/odata.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { entitySetClient } from "../entity-set-client.ts";
import { isGuid } from "../fields.ts";
import { odataRef } from "../mapping.ts";
import {
  flowAppBody,
  flowAttributeFromGraph,
  flowProviderFromGraph,
  type GraphUserFlow,
  type UserFlowChanges,
  type UserFlowCreate,
  userFlowMapping,
} from "./user-flow-mapping.ts";
import type { UserFlow } from "./user-flow-schema.ts";

type Common = Pick<RequestOptions, "signal">;

const FLOWS = "/identity/authenticationEventsFlows";
const CAST = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";

/** Path of a flow's identity providers (the navigation needs both type casts, api-surface 2.8). */
function flowProvidersPath(flowId: string): string {
  return `${FLOWS}/${segment(flowId)}/${CAST}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders`;
}
/** Path of a flow's attributes (api-surface 2.9). */
function flowAttributesPath(flowId: string): string {
  return `${FLOWS}/${segment(flowId)}/${CAST}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes`;
}
/** Path of a flow's linked applications (api-surface 2.7). */
function flowAppsPath(flowId: string): string {
  return `${FLOWS}/${segment(flowId)}/conditions/applications/includeApplications`;
}

const flows = entitySetClient<GraphUserFlow, UserFlow>(FLOWS, userFlowMapping.fromGraph);

/** A page of flows. */
export const listFlowPage = flows.page;

/** Every user flow of the tenant (tenants have few; read across pages). */
export const listFlows = flows.all;

/** A flow by id (`readAfterWrite` after ciamkit's own write of it). */
export const getFlow = flows.get;

/** A flow by id or by display name (case-insensitive), or a {@link NotFoundError} naming it. */
export async function resolveFlow(
  graph: ServiceClient,
  ref: string,
  options: Common = {},
): Promise<UserFlow> {
  if (isGuid(ref)) return getFlow(graph, ref, options);
  const found = (await listFlows(graph, options)).find(
    (f) => f.displayName.toLowerCase() === ref.toLowerCase(),
  );
  if (found === undefined) {
    throw new NotFoundError({
      service: "graph",
      status: 404,
      code: "Request_ResourceNotFound",
      message: `No user flow is named '${ref}'; list them with user_flow_list.`,
    });
  }
  return found;
}

/** The flows an application is linked to (at most one), by Graph's type-cast lambda filter (api-surface 2.4). */
export function flowsForApp(graph: ServiceClient, appId: string, options: Common = {}): Promise<UserFlow[]> {
  const filter = any(`${CAST}/conditions/applications/includeApplications`, "app", (p) =>
    eq(p("appId"), appId),
  );
  return flows.all(graph, { filter: String(filter), signal: options.signal });
}

/** Creates a flow; Graph's create response omits the identity providers, so the flow is read back. */
export async function createFlow(
  graph: ServiceClient,
  spec: UserFlowCreate,
  options: Common = {},
): Promise<UserFlow> {
  const created = await flows.create(graph, userFlowMapping.toGraphCreate(spec), options);
  return flows.get(graph, created.id, { ...options, readAfterWrite: true });
}

/** Sets the given fields of a flow (one PATCH, 204). */
export async function patchFlow(
  graph: ServiceClient,
  id: string,
  changes: UserFlowChanges,
  options: Common = {},
): Promise<void> {
  await flows.update(graph, id, userFlowMapping.toGraphPatch(changes), options);
}

/** Deletes a flow (its applications are unlinked with it). */
export const deleteFlow = flows.remove;

/** The client ids of the applications linked to a flow. */
export async function listFlowApps(
  graph: ServiceClient,
  flowId: string,
  options: Common = {},
): Promise<string[]> {
  const body = await graph.get<{ value: { appId: string }[] }>(flowAppsPath(flowId), options);
  return body.value.map((a) => a.appId);
}

/** Links an application (by client id) to a flow: `201`. */
export async function addFlowApp(
  graph: ServiceClient,
  flowId: string,
  appId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(flowAppsPath(flowId), flowAppBody(appId), options);
}

/** Unlinks an application from a flow. */
export function removeFlowApp(
  graph: ServiceClient,
  flowId: string,
  appId: string,
  options: Common = {},
): Promise<void> {
  return graph.delete(`${flowAppsPath(flowId)}/${segment(appId)}`, options);
}

/**
 * A flow's identity providers or attributes: a navigation of references, listed with the referenced
 * entities, added by `$ref` to the entity (under `target`) and removed by its `$ref`.
 */
function flowReferences<Raw, T>(
  pathOf: (flowId: string) => string,
  target: string,
  convert: (raw: Raw) => T,
) {
  return {
    async list(graph: ServiceClient, flowId: string, options: Common = {}): Promise<T[]> {
      return (await graph.get<{ value: Raw[] }>(pathOf(flowId), options)).value.map(convert);
    },
    async add(graph: ServiceClient, flowId: string, id: string, options: Common = {}): Promise<void> {
      await graph.post(
        `${pathOf(flowId)}/$ref`,
        odataRef(graph.baseUrl, `${target}/${segment(id)}`),
        options,
      );
    },
    remove(graph: ServiceClient, flowId: string, id: string, options: Common = {}): Promise<void> {
      return graph.delete(`${pathOf(flowId)}/${segment(id)}/$ref`, options);
    },
  };
}

const providers = flowReferences(flowProvidersPath, "/identity/identityProviders", flowProviderFromGraph);
const attributes = flowReferences(flowAttributesPath, "/identity/userFlowAttributes", flowAttributeFromGraph);

/** The identity providers a flow offers, with their type. */
export const listFlowProviders = providers.list;
/** Adds an identity provider to a flow by reference. */
export const addFlowProvider = providers.add;
/** Removes an identity provider from a flow. */
export const removeFlowProvider = providers.remove;

/** The attributes a flow collects, with their data type. */
export const listFlowAttributes = attributes.list;
/** Adds an attribute to a flow by reference (Graph appends a default input to the first view). */
export const addFlowAttribute = attributes.add;
/** Removes an attribute from a flow's attributes (Graph leaves its input on the page). */
export const removeFlowAttribute = attributes.remove;
