/** The user-flows resource client: the Graph calls behind the user-flow operations (api-surface 2). */
import { NotFoundError } from "../../http/errors.ts";
import { any, eq } from "../../http/odata.ts";
import { type ListResult, listPage, paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
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

const toUserFlow = userFlowMapping.fromGraph;

/** A page of flows. */
export async function listFlowPage(
  graph: ServiceClient,
  options: Common & { limit: number; cursor?: string | undefined },
): Promise<ListResult<UserFlow>> {
  const page = await listPage<GraphUserFlow>(graph, FLOWS, options);
  return { ...page, items: page.items.map(toUserFlow) };
}

/** Every user flow of the tenant (tenants have few; read across pages). */
export async function listFlows(graph: ServiceClient, options: Common = {}): Promise<UserFlow[]> {
  const out: UserFlow[] = [];
  for await (const raw of paginate<GraphUserFlow>(graph, FLOWS, { signal: options.signal }))
    out.push(toUserFlow(raw));
  return out;
}

/**
 * A flow by id. Reads that follow ciamkit's own write of the flow (`readAfterWrite`) retry a brief 404
 * while the write replicates; a plain lookup answers not-found at once.
 */
export async function getFlow(
  graph: ServiceClient,
  id: string,
  options: Common & { readAfterWrite?: boolean | undefined } = {},
): Promise<UserFlow> {
  return toUserFlow(await graph.get<GraphUserFlow>(`${FLOWS}/${segment(id)}`, options));
}

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
export async function flowsForApp(
  graph: ServiceClient,
  appId: string,
  options: Common = {},
): Promise<UserFlow[]> {
  const filter = any(`${CAST}/conditions/applications/includeApplications`, "app", (p) =>
    eq(p("appId"), appId),
  );
  const out: UserFlow[] = [];
  for await (const raw of paginate<GraphUserFlow>(graph, FLOWS, {
    query: { $filter: String(filter) },
    signal: options.signal,
  })) {
    out.push(toUserFlow(raw));
  }
  return out;
}

/** Creates a flow; Graph's create response omits the identity providers, so the flow is read back. */
export async function createFlow(
  graph: ServiceClient,
  spec: UserFlowCreate,
  options: Common = {},
): Promise<UserFlow> {
  const created = await graph.post<GraphUserFlow>(FLOWS, userFlowMapping.toGraphCreate(spec), options);
  return getFlow(graph, created.id, { ...options, readAfterWrite: true });
}

/** Sets the given fields of a flow (one PATCH, 204). */
export async function patchFlow(
  graph: ServiceClient,
  id: string,
  changes: UserFlowChanges,
  options: Common = {},
): Promise<void> {
  await graph.patch(`${FLOWS}/${segment(id)}`, userFlowMapping.toGraphPatch(changes), options);
}

/** Deletes a flow (its applications are unlinked with it). */
export function deleteFlow(graph: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return graph.delete(`${FLOWS}/${segment(id)}`, options);
}

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

/** The identity providers a flow offers, with their type. */
export async function listFlowProviders(graph: ServiceClient, flowId: string, options: Common = {}) {
  const body = await graph.get<{ value: Parameters<typeof flowProviderFromGraph>[0][] }>(
    flowProvidersPath(flowId),
    options,
  );
  return body.value.map(flowProviderFromGraph);
}

/** Adds an identity provider to a flow by reference. */
export async function addFlowProvider(
  graph: ServiceClient,
  flowId: string,
  providerId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(
    `${flowProvidersPath(flowId)}/$ref`,
    odataRef(graph.baseUrl, `/identity/identityProviders/${segment(providerId)}`),
    options,
  );
}

/** Removes an identity provider from a flow. */
export function removeFlowProvider(
  graph: ServiceClient,
  flowId: string,
  providerId: string,
  options: Common = {},
): Promise<void> {
  return graph.delete(`${flowProvidersPath(flowId)}/${segment(providerId)}/$ref`, options);
}

/** The attributes a flow collects, with their data type. */
export async function listFlowAttributes(graph: ServiceClient, flowId: string, options: Common = {}) {
  const body = await graph.get<{ value: Parameters<typeof flowAttributeFromGraph>[0][] }>(
    flowAttributesPath(flowId),
    options,
  );
  return body.value.map(flowAttributeFromGraph);
}

/** Adds an attribute to a flow by reference (Graph appends a default input to the first view). */
export async function addFlowAttribute(
  graph: ServiceClient,
  flowId: string,
  attributeId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(
    `${flowAttributesPath(flowId)}/$ref`,
    odataRef(graph.baseUrl, `/identity/userFlowAttributes/${segment(attributeId)}`),
    options,
  );
}

/** Removes an attribute from a flow's attributes (Graph leaves its input on the page). */
export function removeFlowAttribute(
  graph: ServiceClient,
  flowId: string,
  attributeId: string,
  options: Common = {},
): Promise<void> {
  return graph.delete(`${flowAttributesPath(flowId)}/${segment(attributeId)}/$ref`, options);
}
