import type { JsonObject } from "../../store/json.ts";
import {
  EXTENSION_TYPES,
  EXTENSIONS,
  MAX_EXTENSIONS,
  newExtension,
  writeExtension,
} from "../extensions/custom-extension.ts";
import { polymorphicValue } from "../extensions/polymorphic.ts";
import { validateAuthenticationConfiguration } from "../extensions/validate-configuration.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import { jsonBody } from "./common.ts";
import {
  createRecord,
  findRecord,
  type PolymorphicCollection,
  param,
  polymorphicRoutes,
  updateRecord,
} from "./polymorphic-routes.ts";

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
    isOf: ["customAuthenticationExtension", ...EXTENSION_TYPES],
  },
  finish: (served, _select, record) => ({ "@odata.type": record["@odata.type"] ?? null, ...served }),
};

/** Extensions share create, PATCH, DELETE and audit handling with event listeners. */
const extensions: PolymorphicCollection = {
  collection: EXTENSIONS,
  spec: extensionsSpec,
  read: READ,
  write: WRITE,
  max: MAX_EXTENSIONS,
  plural: "custom authentication extensions",
  activity: "custom authentication extension",
  auditType: "CustomAuthenticationExtension",
  typeChange: (type, got) =>
    `The extension is a #microsoft.graph.${type}; its type cannot change (got '${got}').`,
};

/** The stored extension by id, or Graph's 404. */
export function findExtension(req: GraphRequest, id: string): JsonObject {
  return findRecord(req, extensions, id);
}

function createExtension(req: GraphRequest) {
  const body = jsonBody(req);
  return createRecord(req, extensions, body, () => newExtension(body));
}

/** PATCH (204): `@odata.type`, when sent, must be the extension's own type (api-surface 5.1 says to include it). */
function updateExtension(req: GraphRequest, id: string) {
  return updateRecord(req, extensions, id, writeExtension);
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

/** Custom authentication extensions of every v1.0 type (api-surface 5.1); {@link EXTENSION_TYPES}. */
export const customExtensionRoutes: GraphRoute[] = [
  ...polymorphicRoutes(extensions, { create: createExtension, update: updateExtension }),
  {
    method: "POST",
    path: `${base}/{id}/validateAuthenticationConfiguration`,
    permissions: READ,
    handle: (req, x) => validateExisting(req, param(x, "id")),
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
