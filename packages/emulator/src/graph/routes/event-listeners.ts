import { randomUUID } from "node:crypto";
import type { JsonObject } from "../../store/json.ts";
import { blank, writeProperties } from "../entities/shape.ts";
import { defineEntitySet, type EntitySet } from "../entity-set/define-entity-set.ts";
import { EXTENSIONS } from "../extensions/custom-extension.ts";
import { conditionsValue, handlerValue } from "../extensions/listener-body.ts";
import {
  FLOW_MANAGED_LISTENERS,
  LISTENER_TYPES,
  LISTENERS,
  MAX_LISTENERS,
} from "../extensions/listener-types.ts";
import { keptType, odataTypeOf, recordType, typedFinish } from "../extensions/polymorphic.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { idFromReference, jsonBody, notFound } from "./common.ts";

const READ = ["EventListener.Read.All", "EventListener.ReadWrite.All"];
const WRITE = ["EventListener.ReadWrite.All"];

/** Listeners: polymorphic, filterable by name, flow and the apps in their conditions (api-surface 5.2). */
const listenersSpec: CollectionSpec = {
  entitySet: "identity/authenticationEventListeners",
  type: "authenticationEventListener",
  directory: false,
  page: { default: 100, max: 250 },
  filter: {
    resource: "AuthenticationEventListener",
    type: "authenticationEventListener",
    directory: false,
    properties: {
      id: { ops: "eq" },
      displayName: { ops: "eq startswith" },
      authenticationEventsFlowId: { ops: "eq eqnull" },
    },
    lambdas: { "conditions/applications/includeApplications": { properties: { appId: { ops: "eq" } } } },
    isOf: ["authenticationEventListener", ...Object.keys(LISTENER_TYPES), ...FLOW_MANAGED_LISTENERS],
  },
  finish: typedFinish,
};

/** `priority` is declared only in the beta schema (api-surface 5.2), so v1.0 does not serve it. */
function served(req: GraphRequest, record: JsonObject): JsonObject {
  if (req.version === "beta") return record;
  const { priority: _priority, ...rest } = record;
  return rest;
}

/** Applies displayName, priority (beta), conditions and handler from a body onto a record. */
function applyBody(req: GraphRequest, type: string, target: JsonObject, body: JsonObject): JsonObject {
  const plain: JsonObject = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.includes("@odata.")) continue;
    if (name === "conditions") target.conditions = conditionsValue(req, value);
    else if (name === "handler") target.handler = handlerValue(req, type, value);
    else if (name === "priority") {
      if (typeof value !== "number" || !Number.isInteger(value))
        throw new GraphError(400, "Request_BadRequest", "Property 'priority' must be an integer.");
      target.priority = value;
    } else plain[name] = value;
  }
  return writeProperties(type, target, plain, new Set(["id", "authenticationEventsFlowId"]));
}

/** Builds a listener of a type the body names (flow-managed types belong to their flow). */
function buildListener(req: GraphRequest, body: JsonObject): JsonObject {
  const type = odataTypeOf(body["@odata.type"], [...Object.keys(LISTENER_TYPES), ...FLOW_MANAGED_LISTENERS]);
  if (type === undefined || FLOW_MANAGED_LISTENERS.includes(type)) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      type === undefined
        ? `An event listener needs an '@odata.type' of ${Object.keys(LISTENER_TYPES)
            .map((t) => `#microsoft.graph.${t}`)
            .join(", ")}.`
        : `#microsoft.graph.${type} listeners belong to a user flow; configure them through /identity/authenticationEventsFlows.`,
    );
  }
  if (body.handler === undefined)
    throw new GraphError(400, "Request_BadRequest", "Property 'handler' is required.");
  const record: JsonObject = { "@odata.type": `#microsoft.graph.${type}`, ...blank(type), priority: 500 };
  record.id = randomUUID();
  record.conditions = conditionsValue(req, body.conditions);
  return applyBody(req, type, record, body);
}

/** `GET …/handler/{cast}/customExtension/$ref`: the bound extension as an `@odata.id`. */
function getExtensionRef(req: GraphRequest, record: JsonObject) {
  const bound = (record.handler as JsonObject | null)?.customExtension as JsonObject | undefined;
  if (bound === undefined) throw notFound("customExtension");
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#$ref`,
      "@odata.id": `${req.baseUrl}/${req.version}/identity/customAuthenticationExtensions/${bound.id}`,
    },
  };
}

/** `PUT …/customExtension/$ref` (204): rebinds the handler to another extension of the matching type. */
function putExtensionRef(req: GraphRequest, set: EntitySet, before: JsonObject) {
  const ref = jsonBody(req)["@odata.id"];
  const m = typeof ref === "string" ? /customAuthenticationExtensions\/([^/?]+)/i.exec(ref) : null;
  if (m === null) idFromReference(ref);
  const extensionId = (m?.[1] ?? "").toLowerCase();
  if (!req.tenant.collection(EXTENSIONS).has(extensionId)) throw notFound(extensionId);
  const type = recordType(before);
  const handler = { ...(before.handler as JsonObject), customExtension: { id: extensionId } };
  const after: JsonObject = { ...before, handler: handlerValue(req, type, handler) };
  set.records(req).put(String(after.id), after);
  set.audit(req, "Update", before, after, ["handler"]);
  return { status: 204 };
}

const base = "/identity/authenticationEventListeners";
const ref = `${base}/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref`;

/** Authentication event listeners bound to custom extensions and apps (api-surface 5.2). */
export const eventListenerSet = defineEntitySet({
  name: "identity/authenticationEventListeners",
  collection: LISTENERS,
  type: "authenticationEventListener",
  spec: listenersSpec,
  directory: false,
  serve: served,
  read: { permissions: READ, count: false },
  audit: {
    category: "ApplicationManagement",
    activity: "authentication event listener",
    targetType: "AuthenticationEventListener",
  },
  create: {
    permissions: WRITE,
    max: { count: MAX_LISTENERS, plural: "authentication event listeners" },
    build: buildListener,
  },
  update: {
    permissions: WRITE,
    apply: (req, before, body) =>
      applyBody(
        req,
        keptType(
          before,
          body,
          (type) => `The listener is a #microsoft.graph.${type}; its type cannot change.`,
        ),
        before,
        body,
      ),
  },
  remove: { permissions: WRITE },
  extraRoutes: (set) => [
    {
      method: "GET",
      path: ref,
      permissions: READ,
      handle: (req, x) => getExtensionRef(req, set.find(req, x.id ?? "")),
    },
    {
      method: "PUT",
      path: ref,
      permissions: WRITE,
      handle: (req, x) => putExtensionRef(req, set, set.find(req, x.id ?? "")),
    },
  ],
});

export const eventListenerRoutes: readonly GraphRoute[] = eventListenerSet.routes;
