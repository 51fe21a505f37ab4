/** The user-flows resource client: the Graph calls behind the user-flow operations (api-surface 2). */
import { NotFoundError } from "../../http/errors.ts";
import { any, eq } from "../../http/odata.ts";
import { paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import type { PageInput, UserFlow } from "./user-flow-schema.ts";

type Common = Pick<RequestOptions, "signal">;

const NS = "#microsoft.graph.";
/** The flow's discriminator: Graph requires it on every write (and the handlers' own on theirs). */
export const FLOW_TYPE = `${NS}externalUsersSelfServiceSignUpEventsFlow`;
export const HANDLER_TYPES = {
  onInteractiveAuthFlowStart: `${NS}onInteractiveAuthFlowStartExternalUsersSelfServiceSignUp`,
  onAuthenticationMethodLoadStart: `${NS}onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp`,
  onAttributeCollection: `${NS}onAttributeCollectionExternalUsersSelfServiceSignUp`,
  onUserCreateStart: `${NS}onUserCreateStartExternalUsersSelfServiceSignUp`,
  onAttributeCollectionStart: `${NS}onAttributeCollectionStartCustomExtensionHandler`,
  onAttributeCollectionSubmit: `${NS}onAttributeCollectionSubmitCustomExtensionHandler`,
} as const;

/**
 * The custom-extension handlers an operation's input names, for a create body or a PATCH: a handler
 * bound to the extension id, or null (PATCH only) to remove it; absent ids are left out.
 */
export function extensionHandlers(input: {
  attributeCollectionStartExtensionId?: string | null | undefined;
  attributeCollectionSubmitExtensionId?: string | null | undefined;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ids = [
    ["onAttributeCollectionStart", input.attributeCollectionStartExtensionId],
    ["onAttributeCollectionSubmit", input.attributeCollectionSubmitExtensionId],
  ] as const;
  for (const [handler, id] of ids) {
    if (id === undefined) continue;
    out[handler] = id === null ? null : { "@odata.type": HANDLER_TYPES[handler], customExtension: { id } };
  }
  return out;
}
const FLOWS = "/identity/authenticationEventsFlows";
const CAST = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";

/** Path of a flow's identity providers (the navigation needs both type casts, api-surface 2.8). */
export function flowProvidersPath(flowId: string): string {
  return `${FLOWS}/${segment(flowId)}/${CAST}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders`;
}
/** Path of a flow's attributes (api-surface 2.9). */
export function flowAttributesPath(flowId: string): string {
  return `${FLOWS}/${segment(flowId)}/${CAST}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes`;
}
/** Path of a flow's linked applications (api-surface 2.7). */
export function flowAppsPath(flowId: string): string {
  return `${FLOWS}/${segment(flowId)}/conditions/applications/includeApplications`;
}

interface RawRef {
  id?: string;
}
interface RawHandler {
  "@odata.type"?: string;
  isSignUpAllowed?: boolean;
  identityProviders?: RawRef[];
  attributes?: RawRef[];
  attributeCollectionPage?: { views?: Record<string, unknown>[] } | null;
  userTypeToCreate?: string | null;
  customExtension?: RawRef | null;
}
/** A flow as Graph returns it. */
export interface RawFlow {
  id: string;
  displayName: string;
  description?: string | null;
  priority?: number | null;
  conditions?: { applications?: { includeApplications?: { appId: string }[] } | null } | null;
  onInteractiveAuthFlowStart?: RawHandler | null;
  onAuthenticationMethodLoadStart?: RawHandler | null;
  onAttributeCollection?: RawHandler | null;
  onUserCreateStart?: RawHandler | null;
  onAttributeCollectionStart?: RawHandler | null;
  onAttributeCollectionSubmit?: RawHandler | null;
}

const ids = (refs: RawRef[] | undefined): string[] =>
  (refs ?? []).flatMap((r) => (r.id === undefined ? [] : [r.id]));

/** Graph's flow in ciamkit's shape. */
export function toUserFlow(raw: RawFlow): UserFlow {
  const collection = raw.onAttributeCollection ?? null;
  const views = collection?.attributeCollectionPage?.views;
  const userType = raw.onUserCreateStart?.userTypeToCreate;
  return {
    id: raw.id,
    displayName: raw.displayName,
    description: raw.description ?? null,
    priority: raw.priority ?? null,
    signUpAllowed: raw.onInteractiveAuthFlowStart?.isSignUpAllowed ?? true,
    identityProviders: ids(raw.onAuthenticationMethodLoadStart?.identityProviders),
    applications: (raw.conditions?.applications?.includeApplications ?? []).map((a) => a.appId),
    attributes: ids(collection?.attributes),
    page: views === undefined ? null : ({ views } as unknown as UserFlow["page"]),
    userTypeToCreate: userType === "member" || userType === "guest" ? userType : null,
    attributeCollectionStartExtensionId: raw.onAttributeCollectionStart?.customExtension?.id ?? null,
    attributeCollectionSubmitExtensionId: raw.onAttributeCollectionSubmit?.customExtension?.id ?? null,
  };
}

/** Every user flow of the tenant (tenants have few; read across pages). */
export async function listFlows(graph: ServiceClient, options: Common = {}): Promise<UserFlow[]> {
  const out: UserFlow[] = [];
  for await (const raw of paginate<RawFlow>(graph, FLOWS, { signal: options.signal }))
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
  return toUserFlow(await graph.get<RawFlow>(`${FLOWS}/${segment(id)}`, options));
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A flow by id or by display name (case-insensitive), or a {@link NotFoundError} naming it. */
export async function resolveFlow(
  graph: ServiceClient,
  ref: string,
  options: Common = {},
): Promise<UserFlow> {
  if (GUID.test(ref)) return getFlow(graph, ref, options);
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
  for await (const raw of paginate<RawFlow>(graph, FLOWS, {
    query: { $filter: String(filter) },
    signal: options.signal,
  })) {
    out.push(toUserFlow(raw));
  }
  return out;
}

/** Graph's page body from ciamkit's page input (`inputType` in Graph's spelling). */
export function pageBody(page: PageInput): Record<string, unknown> {
  return {
    views: page.views.map((v) => ({
      ...v,
      inputs: v.inputs.map((i) => ({ ...i, label: i.label ?? i.attribute })),
    })),
  };
}

/** Creates a flow; Graph's create response omits the identity providers, so the flow is read back. */
export async function createFlow(
  graph: ServiceClient,
  body: Record<string, unknown>,
  options: Common = {},
): Promise<UserFlow> {
  const created = await graph.post<RawFlow>(FLOWS, { "@odata.type": FLOW_TYPE, ...body }, options);
  return getFlow(graph, created.id, { ...options, readAfterWrite: true });
}

/** PATCHes a flow (204); the flow's `@odata.type` is added, as Graph requires. */
export async function patchFlow(
  graph: ServiceClient,
  id: string,
  changes: Record<string, unknown>,
  options: Common = {},
): Promise<void> {
  await graph.patch(`${FLOWS}/${segment(id)}`, { "@odata.type": FLOW_TYPE, ...changes }, options);
}

/** Deletes a flow (its applications are unlinked with it). */
export function deleteFlow(graph: ServiceClient, id: string, options: Common = {}): Promise<void> {
  return graph.delete(`${FLOWS}/${segment(id)}`, options);
}

/** Links an application (by client id) to a flow: `201`. */
export async function addFlowApp(
  graph: ServiceClient,
  flowId: string,
  appId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(
    flowAppsPath(flowId),
    { "@odata.type": `${NS}authenticationConditionApplication`, appId },
    options,
  );
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

/** Adds an identity provider to a flow by reference. */
export async function addFlowProvider(
  graph: ServiceClient,
  flowId: string,
  providerId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(
    `${flowProvidersPath(flowId)}/$ref`,
    { "@odata.id": `${graph.baseUrl}/identity/identityProviders/${segment(providerId)}` },
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

/** Adds an attribute to a flow by reference (Graph appends a default input to the first view). */
export async function addFlowAttribute(
  graph: ServiceClient,
  flowId: string,
  attributeId: string,
  options: Common = {},
): Promise<void> {
  await graph.post(
    `${flowAttributesPath(flowId)}/$ref`,
    { "@odata.id": `${graph.baseUrl}/identity/userFlowAttributes/${segment(attributeId)}` },
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

/** Replaces a flow's attribute collection page (inputs are replaced wholesale, api-surface 2.5). */
export function patchPage(
  graph: ServiceClient,
  flowId: string,
  page: PageInput,
  options: Common = {},
): Promise<void> {
  return patchFlow(
    graph,
    flowId,
    {
      onAttributeCollection: {
        "@odata.type": HANDLER_TYPES.onAttributeCollection,
        attributeCollectionPage: pageBody(page),
      },
    },
    options,
  );
}
