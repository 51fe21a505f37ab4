import type { JsonObject } from "../../store/json.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import {
  EXTENSION_TYPES,
  EXTENSIONS,
  MAX_EXTENSIONS,
  newExtension,
  writeExtension,
} from "../extensions/custom-extension.ts";
import { keptType, polymorphicValue, typedFinish } from "../extensions/polymorphic.ts";
import { validateAuthenticationConfiguration } from "../extensions/validate-configuration.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import type { GraphRequest, GraphRoute } from "../route.ts";
import { jsonBody } from "./common.ts";

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
  finish: typedFinish,
};

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

function validateExisting(req: GraphRequest, record: JsonObject) {
  return validationResult(
    req,
    record.endpointConfiguration as JsonObject | null,
    record.authenticationConfiguration as JsonObject | null,
  );
}

/** Custom authentication extensions of every v1.0 type (api-surface 5.1); {@link EXTENSION_TYPES}. */
export const customExtensionSet = defineEntitySet({
  name: "identity/customAuthenticationExtensions",
  collection: EXTENSIONS,
  type: "customAuthenticationExtension",
  spec: extensionsSpec,
  directory: false,
  read: { permissions: READ, count: false },
  audit: {
    category: "ApplicationManagement",
    activity: "custom authentication extension",
    targetType: "CustomAuthenticationExtension",
  },
  create: {
    permissions: WRITE,
    max: { count: MAX_EXTENSIONS, plural: "custom authentication extensions" },
    build: (_req, body) => newExtension(body),
  },
  // PATCH: `@odata.type`, when sent, must be the extension's own type (api-surface 5.1 says to include it).
  update: {
    permissions: WRITE,
    apply: (_req, before, body) =>
      writeExtension(
        keptType(
          before,
          body,
          (type, got) =>
            `The extension is a #microsoft.graph.${type}; its type cannot change (got '${got}').`,
        ),
        before,
        body,
      ),
  },
  remove: { permissions: WRITE },
  extraRoutes: (set) => [
    {
      method: "POST",
      path: "/identity/customAuthenticationExtensions/{id}/validateAuthenticationConfiguration",
      permissions: READ,
      handle: (req, x) => validateExisting(req, set.find(req, x.id ?? "")),
    },
    {
      method: "POST",
      path: "/identity/customAuthenticationExtensions/validateAuthenticationConfiguration",
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
  ],
});

export const customExtensionRoutes: readonly GraphRoute[] = customExtensionSet.routes;
