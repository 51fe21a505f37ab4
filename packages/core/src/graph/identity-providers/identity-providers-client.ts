/** The identity-providers resource client (`/identity/identityProviders`, api-surface 3.2). */
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { entitySetClient } from "../entity-set-client.ts";
import { type GraphIdentityProvider, identityProviderMapping } from "./identity-provider-mapping.ts";
import type { IdentityProvider } from "./identity-provider-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const PATH = "/identity/identityProviders";
const providers = entitySetClient<GraphIdentityProvider, IdentityProvider>(
  PATH,
  identityProviderMapping.fromGraph,
);

/** Every identity provider of the tenant, built-in and configured. */
export const listProviders = providers.all;

/** A provider by id. */
export const getProvider = providers.get;

/** Creates a provider; the body carries its `@odata.type`. */
export const createProvider = providers.create;

/** PATCHes a provider (204); Graph wants its `@odata.type` in the body. */
export const patchProvider = providers.update;

/** Deletes a configured provider. */
export const deleteProvider = providers.remove;

/** The provider types the tenant can configure. */
export async function availableProviderTypes(graph: ServiceClient, options: Common = {}): Promise<string[]> {
  const body = await graph.get<{ value: string[] }>(`${PATH}/availableProviderTypes`, options);
  return body.value;
}
