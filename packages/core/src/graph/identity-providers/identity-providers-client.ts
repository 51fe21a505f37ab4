/** The identity-providers resource client (`/identity/identityProviders`, api-surface 3.2). */
import { paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { entitySetClient } from "../entity-set-client.ts";
import { type IdentityProvider, toIdentityProvider } from "./identity-provider-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const PATH = "/identity/identityProviders";

/** Every identity provider of the tenant, built-in and configured. */
export async function listProviders(graph: ServiceClient, options: Common = {}): Promise<IdentityProvider[]> {
  const out: IdentityProvider[] = [];
  for await (const raw of paginate<Record<string, unknown>>(graph, PATH, options))
    out.push(toIdentityProvider(raw));
  return out;
}

/** A provider by id, as Graph returns it (with its `@odata.type`). */
export function getRawProvider(
  graph: ServiceClient,
  id: string,
  options: Common & { readAfterWrite?: boolean | undefined } = {},
): Promise<Record<string, unknown>> {
  return graph.get<Record<string, unknown>>(`${PATH}/${segment(id)}`, options);
}

const providers = entitySetClient<Record<string, unknown>, IdentityProvider>(PATH, toIdentityProvider);

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
