import { randomUUID } from "node:crypto";
import type { JsonObject } from "../../store/json.ts";
import { blank, writeProperties } from "../entities/shape.ts";
import { EXTENSIONS } from "../extensions/custom-extension.ts";
import { conditionsValue, handlerValue } from "../extensions/listener-body.ts";
import {
  FLOW_MANAGED_LISTENERS,
  LISTENER_TYPES,
  LISTENERS,
  MAX_LISTENERS,
} from "../extensions/listener-types.ts";
import { odataTypeOf } from "../extensions/polymorphic.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { idFromReference, jsonBody, notFound } from "./common.ts";
import {
  auditRecord,
  createRecord,
  findRecord,
  type PolymorphicCollection,
  param,
  polymorphicRoutes,
  recordType,
  updateRecord,
} from "./polymorphic-routes.ts";

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
  finish: (served, _select, record) => ({ "@odata.type": record["@odata.type"] ?? null, ...served }),
};

/** `priority` is declared only in the beta schema (api-surface 5.2), so v1.0 does not serve it. */
function served(req: GraphRequest, record: JsonObject): JsonObject {
  if (req.version === "beta") return record;
  const { priority: _priority, ...rest } = record;
  return rest;
}

/** Listeners share create, PATCH, DELETE and audit handling with custom extensions. */
const listeners: PolymorphicCollection = {
  collection: LISTENERS,
  spec: listenersSpec,
  read: READ,
  write: WRITE,
  max: MAX_LISTENERS,
  plural: "authentication event listeners",
  activity: "authentication event listener",
  auditType: "AuthenticationEventListener",
  typeChange: (type) => `The listener is a #microsoft.graph.${type}; its type cannot change.`,
  served,
};

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

function createListener(req: GraphRequest) {
  const body = jsonBody(req);
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
  return createRecord(req, listeners, body, () => {
    if (body.handler === undefined)
      throw new GraphError(400, "Request_BadRequest", "Property 'handler' is required.");
    const record: JsonObject = { "@odata.type": `#microsoft.graph.${type}`, ...blank(type), priority: 500 };
    record.id = randomUUID();
    record.conditions = conditionsValue(req, body.conditions);
    return applyBody(req, type, record, body);
  });
}

/** `GET …/handler/{cast}/customExtension/$ref`: the bound extension as an `@odata.id`. */
function getExtensionRef(req: GraphRequest, id: string) {
  const record = findRecord(req, listeners, id);
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
function putExtensionRef(req: GraphRequest, id: string) {
  const before = findRecord(req, listeners, id);
  const ref = jsonBody(req)["@odata.id"];
  const m = typeof ref === "string" ? /customAuthenticationExtensions\/([^/?]+)/i.exec(ref) : null;
  if (m === null) idFromReference(ref);
  const extensionId = (m?.[1] ?? "").toLowerCase();
  if (!req.tenant.collection(EXTENSIONS).has(extensionId)) throw notFound(extensionId);
  const type = recordType(before);
  const handler = { ...(before.handler as JsonObject), customExtension: { id: extensionId } };
  const after: JsonObject = { ...before, handler: handlerValue(req, type, handler) };
  req.tenant.collection(LISTENERS).put(String(after.id), after);
  auditRecord(req, listeners, "Update", before, after, ["handler"]);
  return { status: 204 };
}

const base = "/identity/authenticationEventListeners";
const ref = `${base}/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref`;

/** Authentication event listeners bound to custom extensions and apps (api-surface 5.2). */
export const eventListenerRoutes: GraphRoute[] = [
  ...polymorphicRoutes(listeners, {
    create: createListener,
    update: (req, id) =>
      updateRecord(req, listeners, id, (type, target, body) => applyBody(req, type, target, body)),
  }),
  { method: "GET", path: ref, permissions: READ, handle: (req, x) => getExtensionRef(req, param(x, "id")) },
  { method: "PUT", path: ref, permissions: WRITE, handle: (req, x) => putExtensionRef(req, param(x, "id")) },
];
