import { randomUUID } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { hashSecret } from "../../store/secrets.ts";
import {
  AVAILABLE_PROVIDER_TYPES,
  CREATABLE_TYPES,
  newProvider,
  providerSecret,
  serveProvider,
  UPDATABLE,
  updatedProvider,
} from "../entities/identity-provider.ts";
import { defineEntitySet } from "../entity-set/define-entity-set.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { allProviders, findProvider, flowsUsing } from "./identity-lookup.ts";

const READ = ["IdentityProvider.Read.All"];
const WRITE = ["IdentityProvider.ReadWrite.All"];

/** How `/identity/identityProviders` answers OData queries. */
const providersSpec: CollectionSpec = {
  entitySet: "identity/identityProviders",
  type: "identityProviderBase",
  directory: false,
  page: { default: 100, max: 999 },
  filter: {
    resource: "identityProviderBase",
    type: "identityProviderBase",
    directory: false,
    properties: { id: { ops: "eq ne" }, displayName: { ops: "eq ne startswith" } },
  },
  finish: (served) => serveProvider(served),
};

const notFound = (id: string): GraphError =>
  new GraphError(404, "Request_ResourceNotFound", `Identity provider '${id}' does not exist.`);

/** A configured provider: built-in ones cannot be changed or deleted. */
function configured(provider: JsonObject): JsonObject {
  if (String(provider["@odata.type"]).endsWith("builtInIdentityProvider")) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Built-in identity provider '${String(provider.id)}' cannot be changed or deleted.`,
    );
  }
  return provider;
}

const typeOf = (odataType: unknown): string | undefined =>
  typeof odataType === "string"
    ? CREATABLE_TYPES[(odataType.startsWith("#") ? odataType : `#${odataType}`).toLowerCase()]
    : undefined;

function buildProvider(req: GraphRequest, body: JsonObject): JsonObject {
  const type = typeOf(body["@odata.type"]);
  if (type === undefined) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "The '@odata.type' annotation is required: #microsoft.graph.socialIdentityProvider, appleManagedIdentityProvider or oidcIdentityProvider (built-in providers cannot be created).",
    );
  }
  const provider = newProvider(req.tenant.info.kind, type, body, randomUUID);
  if (findProvider(req, provider.id as string) !== undefined) {
    throw new GraphError(
      409,
      "Request_MultipleObjectsWithSameKeyValue",
      `An identity provider with id '${String(provider.id)}' already exists.`,
    );
  }
  return provider;
}

/** Keeps the provider's client secret (or Apple key) hashed beside it, never in the record. */
function storeSecret(req: GraphRequest, provider: JsonObject, body: JsonObject): void {
  const secret = providerSecret(String(provider["@odata.type"]).replace("#microsoft.graph.", ""), body);
  if (secret !== undefined)
    req.tenant
      .collection(COLLECTIONS.identityProviderSecrets)
      .put(provider.id as string, { ...hashSecret(secret) });
}

/** PATCH: the body names the provider's own type and only the properties its type lets change. */
function applyUpdate(before: JsonObject, body: JsonObject): JsonObject {
  configured(before);
  const type = String(before["@odata.type"]).replace("#microsoft.graph.", "");
  if (typeOf(body["@odata.type"]) !== type) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `The '@odata.type' annotation is required and must be '#microsoft.graph.${type}'.`,
    );
  }
  const allowed = UPDATABLE[type] ?? new Set<string>();
  for (const name of Object.keys(body)) {
    if (!name.startsWith("@odata.") && !allowed.has(name))
      throw new GraphError(400, "Request_BadRequest", `Property '${name}' cannot be updated.`);
  }
  return updatedProvider(type, before, body);
}

/** A provider no user flow uses can be deleted. */
function checkDeletable(req: GraphRequest, provider: JsonObject): void {
  configured(provider);
  const using = flowsUsing(req, "identityProviders", provider.id as string);
  if (using.length > 0) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Identity provider '${String(provider.id)}' is used by user flow '${String(using[0]?.displayName)}'; remove it from the flow first.`,
    );
  }
}

/** `/identity/identityProviders` (api-surface 3.2): the built-in providers and the tenant's own. */
export const identityProviderSet = defineEntitySet({
  name: "identity/identityProviders",
  collection: COLLECTIONS.identityProviders,
  type: "identityProviderBase",
  spec: providersSpec,
  directory: false,
  list: allProviders,
  find: findProvider,
  notFound,
  read: { permissions: READ, count: false },
  audit: { category: "Policy", activity: "identity provider", targetType: "IdentityProvider" },
  create: {
    permissions: WRITE,
    build: buildProvider,
    after: storeSecret,
    audited: () => [],
  },
  update: {
    permissions: WRITE,
    apply: (_req, before, body) => applyUpdate(before, body),
    after: (req, _before, after, body) => storeSecret(req, after, body),
    secret: new Set(["clientSecret", "certificateData", "clientAuthentication"]),
  },
  remove: {
    permissions: WRITE,
    before: checkDeletable,
    after: (req, provider) =>
      req.tenant.collection(COLLECTIONS.identityProviderSecrets).delete(provider.id as string),
  },
  extraRoutes: () => [
    {
      method: "GET",
      path: "/identity/identityProviders/availableProviderTypes",
      permissions: READ,
      handle: (req) => ({
        status: 200,
        body: {
          "@odata.context": `${req.baseUrl}/${req.version}/$metadata#Collection(Edm.String)`,
          value: [...AVAILABLE_PROVIDER_TYPES[req.tenant.info.kind]],
        },
      }),
    },
  ],
});

export const identityProviderRoutes: readonly GraphRoute[] = identityProviderSet.routes;
