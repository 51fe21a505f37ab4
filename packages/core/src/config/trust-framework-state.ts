/**
 * The trust framework part of a tenant's state (Azure AD B2C only, Graph beta): every custom policy
 * with its XML, the policy key sets (public members only), and the tenant's default domain and id the
 * policies name. An external (CIAM) or workforce tenant has no trust framework: Graph answers it with
 * a 403 naming the directory kind, which reads here as "no trust framework", not as an error.
 */
import { getOrganization } from "../graph/organization/organization-client.ts";
import { getPolicyXml, listKeySets, listPolicies } from "../graph/trust-framework/trust-framework-client.ts";
import type { KeySet } from "../graph/trust-framework/trust-framework-schema.ts";
import { PermissionError } from "../http/errors.ts";
import type { ServiceClient } from "../http/service-client.ts";
import { InputError } from "../input-error.ts";
import type { PolicyTenant } from "./policy-xml.ts";

/** A B2C tenant's custom policies and key sets. */
export interface TrustFrameworkState {
  tenant: PolicyTenant;
  policies: { id: string; xml: string }[];
  keySets: KeySet[];
}

/** The clients reading it needs: Graph v1.0 (the domain) and beta (the trust framework). */
export interface TrustFrameworkClient {
  graph: ServiceClient;
  graphBeta?: ServiceClient | undefined;
}

/** The beta client, or an error saying what to pass. */
export function betaOf(client: TrustFrameworkClient): ServiceClient {
  if (client.graphBeta === undefined)
    throw new InputError(
      "Trust framework policies are read and written through Graph beta: pass a client with graphBeta (createCiamClient gives one).",
    );
  return client.graphBeta;
}

/** The tenant's policy ids; `undefined` when the tenant is not an Azure AD B2C tenant. */
export async function policyIds(beta: ServiceClient, signal?: AbortSignal): Promise<string[] | undefined> {
  try {
    return await listPolicies(beta, { signal });
  } catch (error) {
    if (error instanceof PermissionError && error.reason === "wrong-tenant-kind") return undefined;
    throw error;
  }
}

/** Reads the trust framework; `undefined` when the tenant is not an Azure AD B2C tenant. */
export async function readTrustFramework(
  client: TrustFrameworkClient,
  signal?: AbortSignal,
): Promise<TrustFrameworkState | undefined> {
  const beta = betaOf(client);
  const ids = await policyIds(beta, signal);
  if (ids === undefined) return undefined;
  const [policies, keySets, organization] = await Promise.all([
    Promise.all(ids.map(async (id) => ({ id, xml: await getPolicyXml(beta, id, { signal }) }))),
    listKeySets(beta, { signal }),
    getOrganization(client.graph, { signal }),
  ]);
  const domains = organization.verifiedDomains ?? [];
  const domain = (domains.find((d) => d.isDefault === true) ?? domains[0])?.name;
  if (domain == null)
    throw new Error("The organization has no verified domain to stand for a policy's tenant.");
  return { tenant: { domain, tenantId: organization.id }, policies, keySets };
}
