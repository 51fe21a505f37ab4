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
import { type CollectionSpec, getEntity, listCollection, serveRecord } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";
import { auditPolicy, changes, jsonBody } from "./common.ts";
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

function notFound(id: string): GraphError {
  return new GraphError(404, "Request_ResourceNotFound", `Identity provider '${id}' does not exist.`);
}

function configured(req: GraphRequest, id: string): JsonObject {
  const provider = findProvider(req, id);
  if (provider === undefined) throw notFound(id);
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

function createProvider(req: GraphRequest) {
  const body = jsonBody(req);
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
  req.tenant.collection(COLLECTIONS.identityProviders).put(provider.id as string, provider);
  const secret = providerSecret(type, body);
  if (secret !== undefined)
    req.tenant
      .collection(COLLECTIONS.identityProviderSecrets)
      .put(provider.id as string, { ...hashSecret(secret) });
  auditPolicy(req, "Add identity provider", "Add", provider, "IdentityProvider");
  return {
    status: 201,
    body: {
      "@odata.context": `${req.baseUrl}/${req.version}/$metadata#identity/identityProviders/$entity`,
      ...serveRecord(provider, providersSpec, undefined),
    },
  };
}

function updateProvider(req: GraphRequest, id: string) {
  const body = jsonBody(req);
  const before = configured(req, id);
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
  const after = updatedProvider(type, before, body);
  req.tenant.collection(COLLECTIONS.identityProviders).put(after.id as string, after);
  const secret = providerSecret(type, body);
  if (secret !== undefined)
    req.tenant
      .collection(COLLECTIONS.identityProviderSecrets)
      .put(after.id as string, { ...hashSecret(secret) });
  auditPolicy(
    req,
    "Update identity provider",
    "Update",
    after,
    "IdentityProvider",
    changes(
      before,
      after,
      Object.keys(body).filter((k) => !k.startsWith("@odata.")),
      new Set(["clientSecret", "certificateData", "clientAuthentication"]),
    ),
  );
  return { status: 204 };
}

function deleteProvider(req: GraphRequest, id: string) {
  const provider = configured(req, id);
  const using = flowsUsing(req, "identityProviders", provider.id as string);
  if (using.length > 0) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Identity provider '${String(provider.id)}' is used by user flow '${String(using[0]?.displayName)}'; remove it from the flow first.`,
    );
  }
  req.tenant.collection(COLLECTIONS.identityProviders).delete(provider.id as string);
  req.tenant.collection(COLLECTIONS.identityProviderSecrets).delete(provider.id as string);
  auditPolicy(req, "Delete identity provider", "Delete", provider, "IdentityProvider");
  return { status: 204 };
}

/** `/identity/identityProviders` and `availableProviderTypes` (api-surface 3.2). */
export const identityProviderRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/identity/identityProviders",
    permissions: READ,
    handle: (req) => listCollection(req, providersSpec, allProviders(req)),
  },
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
  {
    method: "GET",
    path: "/identity/identityProviders/{id}",
    permissions: READ,
    handle: (req, p) => {
      const provider = findProvider(req, p.id as string);
      if (provider === undefined) throw notFound(p.id as string);
      return getEntity(req, providersSpec, provider);
    },
  },
  { method: "POST", path: "/identity/identityProviders", permissions: WRITE, handle: createProvider },
  {
    method: "PATCH",
    path: "/identity/identityProviders/{id}",
    permissions: WRITE,
    handle: (req, p) => updateProvider(req, p.id as string),
  },
  {
    method: "DELETE",
    path: "/identity/identityProviders/{id}",
    permissions: WRITE,
    handle: (req, p) => deleteProvider(req, p.id as string),
  },
];
