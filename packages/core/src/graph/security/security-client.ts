/** The tenant security resource clients: the authentication methods policy (`/policies/authenticationMethodsPolicy`). */
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { type AuthMethodChanges, authMethodMapping, type GraphAuthMethod } from "./auth-method-mapping.ts";
import type { AuthMethod } from "./auth-method-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const POLICY = "/policies/authenticationMethodsPolicy";

/** Every method of the policy (Graph serves them inline in the policy). */
export async function listAuthMethods(graph: ServiceClient, options: Common = {}): Promise<AuthMethod[]> {
  const policy = await graph.get<{ authenticationMethodConfigurations?: GraphAuthMethod[] }>(POLICY, options);
  return (policy.authenticationMethodConfigurations ?? []).map(authMethodMapping.fromGraph);
}

/** Sets one method's state (PATCH with its derived type, 204), then reads it back. */
export async function setAuthMethod(
  graph: ServiceClient,
  changes: AuthMethodChanges,
  options: Common = {},
): Promise<AuthMethod> {
  const path = `${POLICY}/authenticationMethodConfigurations/${segment(changes.id)}`;
  await graph.patch(path, authMethodMapping.toGraphPatch(changes), options);
  return authMethodMapping.fromGraph(await graph.get<GraphAuthMethod>(path, options));
}
