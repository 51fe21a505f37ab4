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
import { type CollectionSpec, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, changes, idFromReference, jsonBody, notFound } from "./common.ts";

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
  },
  finish: (served, _select, record) => ({ "@odata.type": record["@odata.type"] ?? null, ...served }),
};

/** `priority` is declared only in the beta schema (api-surface 5.2), so v1.0 does not serve it. */
function served(req: GraphRequest, record: JsonObject): JsonObject {
  if (req.version === "beta") return record;
  const { priority: _priority, ...rest } = record;
  return rest;
}

function findListener(req: GraphRequest, id: string): JsonObject {
  const record = req.tenant.collection(LISTENERS).get(id.toLowerCase());
  if (record === undefined) throw notFound(id);
  return record;
}

function listenerType(record: JsonObject): string {
  return String(record["@odata.type"]).replace("#microsoft.graph.", "");
}

function auditListener(
  req: GraphRequest,
  verb: "Add" | "Update" | "Delete",
  before: JsonObject,
  after: JsonObject,
  names: string[],
) {
  audit(req, {
    activityDisplayName: `${verb} authentication event listener`,
    category: "ApplicationManagement",
    operationType: verb,
    targets: [
      {
        id: String(after.id),
        displayName: (after.displayName ?? null) as string | null,
        type: "AuthenticationEventListener",
        modifiedProperties: changes(before, after, names),
      },
    ],
  });
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
  const collection = req.tenant.collection(LISTENERS);
  if (collection.size >= MAX_LISTENERS) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The tenant already has the maximum of ${MAX_LISTENERS} authentication event listeners; delete one before creating another.`,
    );
  }
  if (body.handler === undefined)
    throw new GraphError(400, "Request_BadRequest", "Property 'handler' is required.");
  const record: JsonObject = { "@odata.type": `#microsoft.graph.${type}`, ...blank(type), priority: 500 };
  record.id = randomUUID();
  record.conditions = conditionsValue(req, body.conditions);
  applyBody(req, type, record, body);
  collection.put(String(record.id), record);
  auditListener(
    req,
    "Add",
    {},
    record,
    Object.keys(body).filter((k) => !k.includes("@odata.")),
  );
  return {
    status: 201,
    headers: { location: `${req.baseUrl}/${req.version}/identity/authenticationEventListeners/${record.id}` },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#identity/authenticationEventListeners/$entity`,
      ...serveRecord(served(req, record), listenersSpec, undefined),
    },
  };
}

function updateListener(req: GraphRequest, id: string) {
  const before = findListener(req, id);
  const body = jsonBody(req);
  const type = listenerType(before);
  if (body["@odata.type"] !== undefined && odataTypeOf(body["@odata.type"], [type]) === undefined) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The listener is a #microsoft.graph.${type}; its type cannot change.`,
    );
  }
  const after = applyBody(req, type, structuredClone(before), body);
  req.tenant.collection(LISTENERS).put(String(after.id), after);
  auditListener(
    req,
    "Update",
    before,
    after,
    Object.keys(body).filter((k) => !k.includes("@odata.")),
  );
  return { status: 204 };
}

function deleteListener(req: GraphRequest, id: string) {
  const record = findListener(req, id);
  req.tenant.collection(LISTENERS).delete(String(record.id));
  auditListener(req, "Delete", record, record, []);
  return { status: 204 };
}

/** `GET …/handler/{cast}/customExtension/$ref`: the bound extension as an `@odata.id`. */
function getExtensionRef(req: GraphRequest, id: string) {
  const record = findListener(req, id);
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
  const before = findListener(req, id);
  const ref = jsonBody(req)["@odata.id"];
  const m = typeof ref === "string" ? /customAuthenticationExtensions\/([^/?]+)/i.exec(ref) : null;
  if (m === null) idFromReference(ref);
  const extensionId = (m?.[1] ?? "").toLowerCase();
  if (!req.tenant.collection(EXTENSIONS).has(extensionId)) throw notFound(extensionId);
  const type = listenerType(before);
  const handler = { ...(before.handler as JsonObject), customExtension: { id: extensionId } };
  const after: JsonObject = { ...before, handler: handlerValue(req, type, handler) };
  req.tenant.collection(LISTENERS).put(String(after.id), after);
  auditListener(req, "Update", before, after, ["handler"]);
  return { status: 204 };
}

const base = "/identity/authenticationEventListeners";
const ref = `${base}/{id}/{listenerCast}/handler/{handlerCast}/customExtension/$ref`;
const p = (params: Readonly<Record<string, string>>, name: string): string => params[name] as string;

/** Authentication event listeners bound to custom extensions and apps (api-surface 5.2). */
export const eventListenerRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: base,
    permissions: READ,
    handle: (req) =>
      listCollection(
        req,
        listenersSpec,
        [...req.tenant.collection(LISTENERS).values()].map((r) => served(req, r)),
      ),
  },
  { method: "POST", path: base, permissions: WRITE, handle: createListener },
  {
    method: "GET",
    path: `${base}/{id}`,
    permissions: READ,
    handle: (req, x) => getEntity(req, listenersSpec, served(req, findListener(req, p(x, "id")))),
  },
  {
    method: "PATCH",
    path: `${base}/{id}`,
    permissions: WRITE,
    handle: (req, x) => updateListener(req, p(x, "id")),
  },
  {
    method: "DELETE",
    path: `${base}/{id}`,
    permissions: WRITE,
    handle: (req, x) => deleteListener(req, p(x, "id")),
  },
  { method: "GET", path: ref, permissions: READ, handle: (req, x) => getExtensionRef(req, p(x, "id")) },
  { method: "PUT", path: ref, permissions: WRITE, handle: (req, x) => putExtensionRef(req, p(x, "id")) },
];
