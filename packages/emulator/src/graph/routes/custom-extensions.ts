import type { JsonObject } from "../../store/json.ts";
import {
  EXTENSION_TYPES,
  EXTENSIONS,
  extensionType,
  MAX_EXTENSIONS,
  newExtension,
  writeExtension,
} from "../extensions/custom-extension.ts";
import { odataTypeOf, polymorphicValue } from "../extensions/polymorphic.ts";
import { validateAuthenticationConfiguration } from "../extensions/validate-configuration.ts";
import { type CollectionSpec, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { audit, changes, jsonBody, notFound } from "./common.ts";

const READ = ["CustomAuthenticationExtension.Read.All", "CustomAuthenticationExtension.ReadWrite.All"];
const WRITE = ["CustomAuthenticationExtension.ReadWrite.All"];

/** The polymorphic collection: `@odata.type` on every item, `$select` against the abstract base. */
export const extensionsSpec: CollectionSpec = {
  entitySet: "identity/customAuthenticationExtensions",
  type: "customAuthenticationExtension",
  directory: false,
  page: { default: 100, max: 100 },
  filter: {
    resource: "CustomAuthenticationExtension",
    type: "customAuthenticationExtension",
    directory: false,
    properties: { id: { ops: "eq" }, displayName: { ops: "eq startswith" } },
  },
  finish: (served, _select, record) => ({ "@odata.type": record["@odata.type"] ?? null, ...served }),
};

export function findExtension(req: GraphRequest, id: string): JsonObject {
  const record = req.tenant.collection(EXTENSIONS).get(id.toLowerCase());
  if (record === undefined) throw notFound(id);
  return record;
}

function auditExtension(
  req: GraphRequest,
  verb: "Add" | "Update" | "Delete",
  before: JsonObject,
  after: JsonObject,
  names: string[],
) {
  audit(req, {
    activityDisplayName: `${verb} custom authentication extension`,
    category: "ApplicationManagement",
    operationType: verb,
    targets: [
      {
        id: String(after.id),
        displayName: (after.displayName ?? null) as string | null,
        type: "CustomAuthenticationExtension",
        modifiedProperties: changes(before, after, names),
      },
    ],
  });
}

function createExtension(req: GraphRequest) {
  const body = jsonBody(req);
  const collection = req.tenant.collection(EXTENSIONS);
  if (collection.size >= MAX_EXTENSIONS) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The tenant already has the maximum of ${MAX_EXTENSIONS} custom authentication extensions; delete one before creating another.`,
    );
  }
  const record = newExtension(body);
  collection.put(String(record.id), record);
  auditExtension(
    req,
    "Add",
    {},
    record,
    Object.keys(body).filter((k) => !k.includes("@odata.")),
  );
  return {
    status: 201,
    headers: {
      location: `${req.baseUrl}/${req.version}/identity/customAuthenticationExtensions/${record.id}`,
    },
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#identity/customAuthenticationExtensions/$entity`,
      ...serveRecord(record, extensionsSpec, undefined),
    },
  };
}

/** PATCH (204): `@odata.type`, when sent, must be the extension's own type (api-surface 5.1 says to include it). */
function updateExtension(req: GraphRequest, id: string) {
  const before = findExtension(req, id);
  const body = jsonBody(req);
  const type = extensionType(before);
  if (body["@odata.type"] !== undefined && odataTypeOf(body["@odata.type"], [type]) === undefined) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The extension is a #microsoft.graph.${type}; its type cannot change (got '${String(body["@odata.type"])}').`,
    );
  }
  const after = writeExtension(type, structuredClone(before), body);
  req.tenant.collection(EXTENSIONS).put(String(after.id), after);
  auditExtension(
    req,
    "Update",
    before,
    after,
    Object.keys(body).filter((k) => !k.includes("@odata.")),
  );
  return { status: 204 };
}

function deleteExtension(req: GraphRequest, id: string) {
  const record = findExtension(req, id);
  req.tenant.collection(EXTENSIONS).delete(String(record.id));
  auditExtension(req, "Delete", record, record, []);
  return { status: 204 };
}

function validationResult(req: GraphRequest, endpoint: JsonObject | null, auth: JsonObject | null) {
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#microsoft.graph.authenticationConfigurationValidation`,
      ...validateAuthenticationConfiguration(req.tenant, endpoint, auth),
    },
  };
}

/** Validates a draft configuration sent in the body (api-surface 5.1, "validate draft"). */
function validateDraft(req: GraphRequest) {
  const body = jsonBody(req);
  const endpoint = polymorphicValue("endpointConfiguration", body.endpointConfiguration, [
    "httpRequestEndpoint",
  ]);
  const auth = polymorphicValue("authenticationConfiguration", body.authenticationConfiguration, [
    "azureAdTokenAuthentication",
  ]);
  return validationResult(req, endpoint, auth);
}

function validateExisting(req: GraphRequest, id: string) {
  const record = findExtension(req, id);
  return validationResult(
    req,
    record.endpointConfiguration as JsonObject | null,
    record.authenticationConfiguration as JsonObject | null,
  );
}

const base = "/identity/customAuthenticationExtensions";
const p = (params: Readonly<Record<string, string>>, name: string): string => params[name] as string;

/** Custom authentication extensions of every v1.0 type (api-surface 5.1); {@link EXTENSION_TYPES}. */
export const customExtensionRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: base,
    permissions: READ,
    handle: (req) => listCollection(req, extensionsSpec, req.tenant.collection(EXTENSIONS).values()),
  },
  { method: "POST", path: base, permissions: WRITE, handle: createExtension },
  {
    method: "GET",
    path: `${base}/{id}`,
    permissions: READ,
    handle: (req, x) => getEntity(req, extensionsSpec, findExtension(req, p(x, "id"))),
  },
  {
    method: "PATCH",
    path: `${base}/{id}`,
    permissions: WRITE,
    handle: (req, x) => updateExtension(req, p(x, "id")),
  },
  {
    method: "DELETE",
    path: `${base}/{id}`,
    permissions: WRITE,
    handle: (req, x) => deleteExtension(req, p(x, "id")),
  },
  {
    method: "POST",
    path: `${base}/{id}/validateAuthenticationConfiguration`,
    permissions: READ,
    handle: (req, x) => validateExisting(req, p(x, "id")),
  },
  {
    method: "POST",
    path: `${base}/validateAuthenticationConfiguration`,
    permissions: READ,
    handle: validateDraft,
  },
  // The docs' draft example posts without the /identity prefix (api-surface 5.1, Note): accept both.
  {
    method: "POST",
    path: "/customAuthenticationExtensions/validateAuthenticationConfiguration",
    permissions: READ,
    handle: validateDraft,
  },
];
