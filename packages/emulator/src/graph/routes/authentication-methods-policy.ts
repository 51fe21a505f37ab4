import { COLLECTIONS } from "../../store/collection-names.ts";
import type { Json, JsonObject } from "../../store/json.ts";
import {
  METHOD_TYPES,
  methodConfiguration,
  methodConfigurations,
} from "../entities/authentication-method-configuration.ts";
import { propertyKind, writeProperties } from "../entities/shape.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import { odataTypeOf } from "../extensions/polymorphic.ts";
import { invalidValue, notFound } from "../graph-errors.ts";
import { type CollectionSpec, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";

/** Reading: the least privileged first (authenticationMethodsPolicy-get, …configuration-get). */
const READ = ["Policy.Read.AuthenticationMethod", "Policy.ReadWrite.AuthenticationMethod", "Policy.Read.All"];
const WRITE = ["Policy.ReadWrite.AuthenticationMethod"];
const POLICY = "policies/authenticationMethodsPolicy";
/** Bookkeeping on a changed configuration (never served): when it changed, for the policy's lastModifiedDateTime. */
const MODIFIED = "_lastModifiedDateTime";

const configurationsSpec: CollectionSpec = {
  // The method pages' @odata.context: `$metadata#authenticationMethodConfigurations/$entity`.
  entitySet: "authenticationMethodConfigurations",
  type: "authenticationMethodConfiguration",
  directory: false,
  page: { default: 100, max: 100 },
  filter: {
    resource: "AuthenticationMethodConfiguration",
    type: "authenticationMethodConfiguration",
    directory: false,
    properties: { id: { ops: "eq" }, state: { ops: "eq" } },
  },
  finish: (served, _select, record) => {
    const { [MODIFIED]: _modified, ...rest } = served;
    return { "@odata.type": record["@odata.type"] ?? null, ...rest };
  },
};

const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** `includeTargets` (a contained navigation Graph serves inline): groups by id, `all_users` for everyone. */
function includeTargets(value: Json | undefined): Json {
  if (!Array.isArray(value) || !value.every((t) => isObject(t) && typeof t.id === "string"))
    throw invalidValue("includeTargets", "authenticationMethodConfiguration");
  return value.map((t) => ({ targetType: "group", isRegistrationRequired: false, ...(t as JsonObject) }));
}

/**
 * PATCH of one method: the `@odata.type`, when sent, must be the method's own; `state` is `enabled` or
 * `disabled`; the other properties are checked against the method's CSDL type; `id` cannot change.
 */
function applyConfiguration(req: GraphRequest, before: JsonObject, body: JsonObject): JsonObject {
  const type = METHOD_TYPES[String(before.id)] as string;
  if (body["@odata.type"] !== undefined && odataTypeOf(body["@odata.type"], [type]) === undefined) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The configuration '${String(before.id)}' is a #microsoft.graph.${type}; its type cannot change.`,
    );
  }
  if (body.state !== undefined && body.state !== "enabled" && body.state !== "disabled")
    throw invalidValue("state", type);
  const { includeTargets: targets, ...sent } = body;
  // Microsoft's FIDO2 update example sends isAttestationEnforced as the text "true", and the service
  // takes it: a Boolean property also takes "true" or "false" here.
  const rest = Object.fromEntries(
    Object.entries(sent).map(([key, value]) =>
      propertyKind(type, key)?.kind === "Boolean" && (value === "true" || value === "false")
        ? [key, value === "true"]
        : [key, value],
    ),
  );
  const after = writeProperties(type, before, rest, new Set(["id"]));
  if (targets !== undefined) after.includeTargets = includeTargets(targets);
  after[MODIFIED] = req.now().toISOString();
  return after;
}

/** `/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}`: get, PATCH (204). */
export const authenticationMethodConfigurationSet = defineEntitySet({
  name: `${POLICY}/authenticationMethodConfigurations`,
  collection: COLLECTIONS.authenticationMethodConfigurations,
  type: "authenticationMethodConfiguration",
  spec: configurationsSpec,
  directory: false,
  list: (req) => methodConfigurations(req.tenant),
  find: (req, key) => methodConfiguration(req.tenant, key),
  notFound,
  read: { permissions: READ, count: false },
  audit: {
    category: "Policy",
    activity: "authentication methods policy",
    targetType: "Policy",
    activities: { Update: "Authentication Methods Policy Update" },
  },
  update: { permissions: WRITE, apply: applyConfiguration },
});

/** The policy as "Get authenticationMethodsPolicy" answers it, its configurations inline. */
function getPolicy(req: GraphRequest) {
  const configurations = methodConfigurations(req.tenant);
  const modified = configurations
    .map((c) => c[MODIFIED])
    .filter((d): d is string => typeof d === "string")
    .sort()
    .at(-1);
  return {
    status: 200,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#authenticationMethodsPolicy`,
      id: "authenticationMethodsPolicy",
      displayName: "Authentication Methods Policy",
      description:
        "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings",
      lastModifiedDateTime: modified ?? req.tenant.info.createdDateTime,
      policyVersion: "1.5",
      policyMigrationState: "migrationComplete",
      reconfirmationInDays: 0,
      registrationEnforcement: {
        authenticationMethodsRegistrationCampaign: {
          snoozeDurationInDays: 1,
          state: "default",
          excludeTargets: [],
          includeTargets: [
            { id: "all_users", targetType: "group", targetedAuthenticationMethod: "microsoftAuthenticator" },
          ],
        },
      },
      authenticationMethodConfigurations: configurations.map((c) =>
        serveRecord(c, configurationsSpec, undefined),
      ),
    },
  };
}

/** The authentication methods policy and its method configurations (issue 14, tenant security). */
export const authenticationMethodsPolicyRoutes: readonly GraphRoute[] = [
  { method: "GET", path: `/${POLICY}`, permissions: READ, handle: (req) => getPolicy(req) },
  ...authenticationMethodConfigurationSet.routes,
];
