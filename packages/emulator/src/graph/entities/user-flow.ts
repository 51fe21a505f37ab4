import type { Json, JsonObject } from "../../store/json.ts";
import { GraphError, type GraphVersion } from "../route.ts";
import { isGuid } from "./shape.ts";
import { HANDLER_BUILDERS, HANDLER_TYPES, type Handler } from "./user-flow-handlers.ts";

/**
 * Sign-up and sign-in user flows (`externalUsersSelfServiceSignUpEventsFlow`, api-surface 2). A stored
 * flow is the full entity with its handlers' `@odata.type`s, `priority` and `includeAllApplications`
 * (which Graph echoes even on v1.0), and its navigation properties as references:
 * `onAuthenticationMethodLoadStart.identityProviders` and `onAttributeCollection.attributes` are
 * `[{ id }]`, served expanded.
 */

const NS = "#microsoft.graph.";
export const FLOW_TYPE = `${NS}externalUsersSelfServiceSignUpEventsFlow`;
const HANDLERS = Object.keys(HANDLER_TYPES) as Handler[];
/** Graph's default priority for a new flow (api-surface 2.3). */
export const DEFAULT_PRIORITY = 500;

/** What building a flow needs to know about the tenant. */
export interface FlowLookups {
  provider(id: string): JsonObject | undefined;
  attribute(id: string): JsonObject | undefined;
  /** Whether an application (or service principal) with this client id exists. */
  appExists(appId: string): boolean;
  /** The flow, other than `exceptFlowId`, an app is linked to. */
  linkedFlow(appId: string, exceptFlowId: string | null): JsonObject | undefined;
  extension(id: string): JsonObject | undefined;
}

const bad = (message: string): GraphError => new GraphError(400, "Request_BadRequest", message);
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Checks an `@odata.type` discriminator. Graph's docs spell the flow type both `…SignUp…` and
 * `…Signup…`, so types match case-insensitively, with or without the leading `#`.
 */
export function checkDiscriminator(value: Json | undefined, expected: string, where: string): void {
  if (typeof value !== "string") {
    throw bad(`The '@odata.type' annotation is required on ${where} and must be '${expected}'.`);
  }
  const given = value.startsWith("#") ? value : `#${value}`;
  if (given.toLowerCase() !== expected.toLowerCase()) {
    throw bad(`Invalid '@odata.type' '${value}' on ${where}: expected '${expected}'.`);
  }
}

/** A new flow from a create body, checked against the tenant; `id` assigned by the caller. */
export function newFlow(
  body: JsonObject,
  version: GraphVersion,
  id: string,
  lookups: FlowLookups,
): JsonObject {
  checkDiscriminator(body["@odata.type"], FLOW_TYPE, "the user flow");
  checkTopLevel(body, version);
  if (typeof body.displayName !== "string" || body.displayName.trim() === "") {
    throw bad("Property 'displayName' is required.");
  }
  if (!isObject(body.onInteractiveAuthFlowStart))
    throw bad("Property 'onInteractiveAuthFlowStart' is required.");
  if (!isObject(body.onAuthenticationMethodLoadStart)) {
    throw bad("Property 'onAuthenticationMethodLoadStart' is required.");
  }
  const flow: JsonObject = {
    id,
    displayName: body.displayName,
    description: null,
    priority: DEFAULT_PRIORITY,
    conditions: { applications: { includeAllApplications: false, includeApplications: [] } },
    onAttributeCollectionStart: null,
    onAttributeCollectionSubmit: null,
    onInteractiveAuthFlowStart: null,
    onAuthenticationMethodLoadStart: null,
    onAttributeCollection: null,
    onUserCreateStart: null,
  };
  return applyFlowChanges(flow, body, version, lookups);
}

/**
 * Applies a PATCH body (api-surface 2.5): the flow's `@odata.type` and each handler's are required;
 * a handler replaces the old one, `attributeCollectionPage` inputs wholesale; `onAttributeCollection`
 * can change only if the flow has one (set at creation or by adding an attribute) or the PATCH names
 * its `attributes`.
 */
export function updateFlow(
  before: JsonObject,
  body: JsonObject,
  version: GraphVersion,
  lookups: FlowLookups,
): JsonObject {
  checkDiscriminator(body["@odata.type"], FLOW_TYPE, "the user flow");
  checkTopLevel(body, version);
  // A flow created without the attribute collection step gets one from a PATCH that names its
  // attributes (the update page's "add city" example lists every attribute the flow keeps).
  const named = isObject(body.onAttributeCollection) && Array.isArray(body.onAttributeCollection.attributes);
  if (body.onAttributeCollection !== undefined && before.onAttributeCollection === null && !named) {
    throw bad(
      "'onAttributeCollection' can be updated only on a user flow created with it; add an attribute to the flow (attributes/$ref) first.",
    );
  }
  if (
    body.displayName !== undefined &&
    (typeof body.displayName !== "string" || body.displayName.trim() === "")
  ) {
    throw bad("Invalid value for property 'displayName'.");
  }
  const patch = { ...body };
  const collection = patch.onAttributeCollection;
  // A PATCH that leaves out `attributes` keeps the flow's; only the page is replaced. A built-in
  // attribute the new page asks for joins them (the update page's "add city" example sends the page only).
  if (isObject(collection) && collection.attributes === undefined && isObject(before.onAttributeCollection)) {
    const kept = Array.isArray(before.onAttributeCollection.attributes)
      ? before.onAttributeCollection.attributes
      : [];
    const ids = new Set(kept.map((a) => (isObject(a) ? String(a.id) : "")));
    const added = pageInputAttributes(collection.attributeCollectionPage)
      .map((id) => lookups.attribute(id))
      .filter(
        (a): a is JsonObject =>
          a !== undefined && a.userFlowAttributeType === "builtIn" && !ids.has(String(a.id)),
      )
      .map((a) => ({ id: String(a.id) }));
    patch.onAttributeCollection = { ...collection, attributes: [...kept, ...added] };
  }
  return applyFlowChanges(structuredClone(before), patch, version, lookups);
}

function checkTopLevel(body: JsonObject, version: GraphVersion): void {
  const allowed = new Set(["displayName", "description", "conditions", ...HANDLERS]);
  // priority is declared only in the beta schema (api-surface 2.1); v1.0 merely echoes it.
  if (version === "beta") allowed.add("priority");
  for (const name of Object.keys(body)) {
    if (!name.startsWith("@odata.") && !allowed.has(name)) throw bad(`Invalid property '${name}'.`);
  }
}

function applyFlowChanges(
  flow: JsonObject,
  body: JsonObject,
  version: GraphVersion,
  lookups: FlowLookups,
): JsonObject {
  if (typeof body.displayName === "string") flow.displayName = body.displayName.trim();
  if (body.description !== undefined) {
    if (body.description !== null && typeof body.description !== "string")
      throw bad("Invalid value for property 'description'.");
    flow.description = body.description;
  }
  if (body.priority !== undefined) {
    if (typeof body.priority !== "number" || !Number.isInteger(body.priority))
      throw bad("Invalid value for property 'priority'.");
    flow.priority = body.priority;
  }
  if (body.conditions !== undefined)
    flow.conditions = conditions(body.conditions, flow.id as string, version, lookups);
  for (const handler of HANDLERS) {
    const value = body[handler];
    if (value === undefined) continue;
    if (value === null) {
      if (handler === "onInteractiveAuthFlowStart" || handler === "onAuthenticationMethodLoadStart") {
        throw bad(`Property '${handler}' cannot be null.`);
      }
      flow[handler] = null;
      continue;
    }
    if (!isObject(value)) throw bad(`Invalid value for property '${handler}'.`);
    checkDiscriminator(value["@odata.type"], HANDLER_TYPES[handler], handler);
    flow[handler] = HANDLER_BUILDERS[handler](value, lookups, version);
  }
  return flow;
}

function conditions(value: Json, flowId: string, version: GraphVersion, lookups: FlowLookups): JsonObject {
  const apps = isObject(value) && isObject(value.applications) ? value.applications : undefined;
  if (apps === undefined)
    throw bad("Invalid value for property 'conditions': expected { applications: { includeApplications } }.");
  if (
    apps.includeAllApplications !== undefined &&
    (version !== "beta" || apps.includeAllApplications !== false)
  ) {
    throw bad("Invalid property 'includeAllApplications'.");
  }
  const list = apps.includeApplications ?? [];
  if (!Array.isArray(list)) throw bad("Invalid value for property 'includeApplications'.");
  const appIds: string[] = [];
  for (const item of list) {
    const appId = isObject(item) ? item.appId : undefined;
    if (typeof appId !== "string" || !isGuid(appId))
      throw bad("Each of 'includeApplications' needs an 'appId' (the application's client id).");
    checkLinkable(appId.toLowerCase(), flowId, lookups);
    if (!appIds.includes(appId.toLowerCase())) appIds.push(appId.toLowerCase());
  }
  return {
    applications: { includeAllApplications: false, includeApplications: appIds.map((appId) => ({ appId })) },
  };
}

/** An app must exist and may be linked to one user flow only (api-surface 2.7). */
export function checkLinkable(appId: string, flowId: string | null, lookups: FlowLookups): void {
  if (!lookups.appExists(appId)) {
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `No application with appId '${appId}' exists in this tenant.`,
    );
  }
  const other = lookups.linkedFlow(appId, flowId);
  if (other !== undefined) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `Application '${appId}' is already linked to user flow '${String(other.displayName)}' (${String(other.id)}); an application can be linked to only one user flow.`,
    );
  }
}

/** The attribute ids a page's inputs name, in order. */
function pageInputAttributes(page: Json | undefined): string[] {
  if (!isObject(page) || !Array.isArray(page.views)) return [];
  return page.views.flatMap((view) =>
    isObject(view) && Array.isArray(view.inputs)
      ? view.inputs.flatMap((input) =>
          isObject(input) && typeof input.attribute === "string" ? [input.attribute] : [],
        )
      : [],
  );
}
