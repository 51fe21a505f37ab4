import type { Json, JsonObject } from "../../store/json.ts";
import { serveProvider } from "../entities/identity-provider.ts";
import { checkDiscriminator, checkLinkable } from "../entities/user-flow.ts";
import { serveAttribute } from "../entities/user-flow-attribute.ts";
import { HANDLER_TYPES } from "../entities/user-flow-handlers.ts";
import { defaultInput } from "../entities/user-flow-page.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { jsonBody } from "./common.ts";
import { findAttribute, findProvider, flowLookups } from "./identity-lookup.ts";
import { includeApplicationsContext } from "./user-flow-query.ts";
import { FLOW_READ, FLOW_WRITE, findFlow, saveFlow } from "./user-flows.ts";

/**
 * A flow's linked applications, identity providers and attributes (api-surface 2.7-2.9). Paths keep
 * Graph's type-cast segments; the route matcher compares them case-insensitively.
 */

const BASE = "/identity/authenticationEventsFlows/{id}";
const CAST = "microsoft.graph.externalUsersSelfServiceSignUpEventsFlow";
const IDPS = `${BASE}/${CAST}/onAuthenticationMethodLoadStart/microsoft.graph.onAuthenticationMethodLoadStartExternalUsersSelfServiceSignUp/identityProviders`;
const ATTRIBUTES = `${BASE}/${CAST}/onAttributeCollection/microsoft.graph.onAttributeCollectionExternalUsersSelfServiceSignUp/attributes`;
const APPS = ["", `/${CAST}`].map((cast) => `${BASE}${cast}/conditions/applications/includeApplications`);

const appsOf = (flow: JsonObject): JsonObject[] =>
  ((flow.conditions as JsonObject).applications as JsonObject).includeApplications as JsonObject[];

/** The id an `@odata.id` reference names: Graph accepts any URL whose last segment is the id (api-surface 2.8). */
function referencedId(body: JsonObject): string {
  const ref = body["@odata.id"];
  const last = typeof ref === "string" ? /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(ref)?.[1] : undefined;
  if (last === undefined)
    throw new GraphError(
      400,
      "Request_BadRequest",
      "The '@odata.id' reference must be a URL ending with the object's id.",
    );
  // Key syntax `identityProviders('Google-OAUTH')` is as good as a path segment.
  const key = /\('([^']+)'\)$/.exec(last)?.[1];
  return decodeURIComponent(key ?? last);
}

function listApps(req: GraphRequest, id: string) {
  const flow = findFlow(req, id);
  return {
    status: 200,
    body: {
      "@odata.context": includeApplicationsContext(req, flow.id as string),
      value: appsOf(flow).map((a) => ({ ...a })),
    },
  };
}

function addApp(req: GraphRequest, id: string) {
  const body = jsonBody(req);
  const flow = findFlow(req, id);
  if (body["@odata.type"] !== undefined) {
    checkDiscriminator(
      body["@odata.type"] as Json,
      "#microsoft.graph.authenticationConditionApplication",
      "the application",
    );
  }
  const appId = typeof body.appId === "string" ? body.appId.toLowerCase() : "";
  if (!/^[0-9a-f-]{36}$/.test(appId))
    throw new GraphError(
      400,
      "Request_BadRequest",
      "Property 'appId' (the application's client id) is required.",
    );
  if (appsOf(flow).some((a) => a.appId === appId)) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `Application '${appId}' is already linked to this user flow.`,
    );
  }
  checkLinkable(appId, flow.id as string, flowLookups(req));
  const after = structuredClone(flow);
  appsOf(after).push({ appId });
  saveFlow(req, flow, after, ["conditions"]);
  return {
    status: 201,
    body: { "@odata.context": `${includeApplicationsContext(req, flow.id as string)}/$entity`, appId },
  };
}

function removeApp(req: GraphRequest, id: string, appId: string) {
  const flow = findFlow(req, id);
  const after = structuredClone(flow);
  const apps = appsOf(after);
  const at = apps.findIndex((a) => a.appId === appId.toLowerCase());
  if (at < 0)
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `Application '${appId}' is not linked to this user flow.`,
    );
  apps.splice(at, 1);
  saveFlow(req, flow, after, ["conditions"]);
  return { status: 204 };
}

function providerRefs(flow: JsonObject): JsonObject[] {
  return (flow.onAuthenticationMethodLoadStart as JsonObject).identityProviders as JsonObject[];
}

function addProvider(req: GraphRequest, id: string) {
  const flow = findFlow(req, id);
  const provider = findProvider(req, referencedId(jsonBody(req)));
  if (provider === undefined)
    throw new GraphError(404, "Request_ResourceNotFound", "The referenced identity provider does not exist.");
  if (providerRefs(flow).some((r) => r.id === provider.id)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Identity provider '${String(provider.id)}' is already on this user flow.`,
    );
  }
  const after = structuredClone(flow);
  providerRefs(after).push({ id: provider.id as string });
  saveFlow(req, flow, after, ["onAuthenticationMethodLoadStart"]);
  return { status: 204 };
}

function removeProvider(req: GraphRequest, id: string, providerId: string) {
  const flow = findFlow(req, id);
  const after = structuredClone(flow);
  const refs = providerRefs(after);
  const at = refs.findIndex((r) => String(r.id).toLowerCase() === providerId.toLowerCase());
  if (at < 0)
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `Identity provider '${providerId}' is not on this user flow.`,
    );
  if (refs.length === 1)
    throw new GraphError(400, "Request_BadRequest", "A user flow needs at least one identity provider.");
  refs.splice(at, 1);
  saveFlow(req, flow, after, ["onAuthenticationMethodLoadStart"]);
  return { status: 204 };
}

/**
 * Adds an attribute: Graph appends it to `attributes` and a default input for it to the first view
 * of the page, creating the handler when the flow had none (api-surface 2.9).
 */
function addAttribute(req: GraphRequest, id: string) {
  const flow = findFlow(req, id);
  const attribute = findAttribute(req, referencedId(jsonBody(req)));
  if (attribute === undefined)
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      "The referenced user flow attribute does not exist.",
    );
  const after = structuredClone(flow);
  after.onAttributeCollection ??= {
    "@odata.type": HANDLER_TYPES.onAttributeCollection,
    accessPackages: [],
    attributeCollectionPage: { customStringsFileId: null, views: [] },
    attributes: [],
  };
  const handler = after.onAttributeCollection as JsonObject;
  const refs = handler.attributes as JsonObject[];
  if (refs.some((r) => r.id === attribute.id)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Attribute '${String(attribute.id)}' is already on this user flow.`,
    );
  }
  refs.push({ id: attribute.id as string });
  const views = (handler.attributeCollectionPage as JsonObject).views as JsonObject[];
  if (views.length === 0) views.push({ title: null, description: null, inputs: [] });
  ((views[0] as JsonObject).inputs as JsonObject[]).push(defaultInput(attribute));
  saveFlow(req, flow, after, ["onAttributeCollection"]);
  return { status: 204 };
}

/** Removes an attribute from `attributes` only: its input stays on the page until the client PATCHes it away. */
function removeAttribute(req: GraphRequest, id: string, attributeId: string) {
  const flow = findFlow(req, id);
  const after = structuredClone(flow);
  const refs = ((after.onAttributeCollection as JsonObject | null)?.attributes ?? []) as JsonObject[];
  const at = refs.findIndex((r) => String(r.id).toLowerCase() === attributeId.toLowerCase());
  if (at < 0)
    throw new GraphError(
      404,
      "Request_ResourceNotFound",
      `Attribute '${attributeId}' is not on this user flow.`,
    );
  refs.splice(at, 1);
  saveFlow(req, flow, after, ["onAttributeCollection"]);
  return { status: 204 };
}

/** A navigation's items, with the collection `@odata.context` the list pages show (`Collection(microsoft.graph.…)`). */
const served = (req: GraphRequest, context: string, items: JsonObject[]) => ({
  status: 200,
  body: { "@odata.context": `${req.baseUrl}/${req.version}/$metadata#${context}`, value: items },
});

/** Linked applications, identity providers and attributes of a flow. */
export const userFlowLinkRoutes: GraphRoute[] = [
  ...APPS.flatMap((path): GraphRoute[] => [
    { method: "GET", path, permissions: FLOW_READ, handle: (req, p) => listApps(req, p.id as string) },
    { method: "POST", path, permissions: FLOW_WRITE, handle: (req, p) => addApp(req, p.id as string) },
    {
      method: "DELETE",
      path: `${path}/{appId}`,
      permissions: FLOW_WRITE,
      handle: (req, p) => removeApp(req, p.id as string, p.appId as string),
    },
  ]),
  {
    method: "GET",
    path: IDPS,
    permissions: FLOW_READ,
    handle: (req, p) =>
      served(
        req,
        "Collection(microsoft.graph.identityProviderBase)",
        providerRefs(findFlow(req, p.id as string)).flatMap((r) => {
          const provider = findProvider(req, r.id as string);
          return provider === undefined ? [] : [serveProvider(provider)];
        }),
      ),
  },
  {
    method: "POST",
    path: `${IDPS}/$ref`,
    permissions: FLOW_WRITE,
    handle: (req, p) => addProvider(req, p.id as string),
  },
  {
    method: "DELETE",
    path: `${IDPS}/{providerId}/$ref`,
    permissions: FLOW_WRITE,
    handle: (req, p) => removeProvider(req, p.id as string, p.providerId as string),
  },
  {
    method: "GET",
    path: ATTRIBUTES,
    permissions: FLOW_READ,
    handle: (req, p) => {
      const handler = findFlow(req, p.id as string).onAttributeCollection as JsonObject | null;
      const refs = (handler?.attributes ?? []) as JsonObject[];
      return served(
        req,
        "Collection(microsoft.graph.identityUserFlowAttribute)",
        refs.flatMap((r) => {
          const a = findAttribute(req, r.id as string);
          return a === undefined ? [] : [serveAttribute(a)];
        }),
      );
    },
  },
  {
    method: "POST",
    path: `${ATTRIBUTES}/$ref`,
    permissions: FLOW_WRITE,
    handle: (req, p) => addAttribute(req, p.id as string),
  },
  {
    method: "DELETE",
    path: `${ATTRIBUTES}/{attributeId}/$ref`,
    permissions: FLOW_WRITE,
    handle: (req, p) => removeAttribute(req, p.id as string, p.attributeId as string),
  },
];
