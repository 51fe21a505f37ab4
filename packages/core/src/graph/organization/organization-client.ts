/** The organization resource client. */
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import type { Organization } from "./organization-schema.ts";

/** The tenant's organization object (`GET /organization` returns a one-element collection). */
export async function getOrganization(
  graph: ServiceClient,
  options: Pick<RequestOptions, "signal" | "requiredPermissions"> = {},
): Promise<Organization> {
  const body = await graph.get<{ value?: Organization[] }>("/organization", options);
  const organization = body?.value?.[0];
  if (organization === undefined) throw new Error("Graph returned no organization for this tenant.");
  return organization;
}

/** The tenant's default domain (`contoso.onmicrosoft.com`), the issuer of local accounts' identities. */
export async function defaultDomain(
  graph: ServiceClient,
  options: Pick<RequestOptions, "signal" | "requiredPermissions"> = {},
): Promise<string> {
  const organization = await getOrganization(graph, options);
  const domain =
    organization.verifiedDomains?.find((d) => d.isDefault === true)?.name ??
    organization.verifiedDomains?.[0]?.name;
  if (domain === undefined || domain === null)
    throw new Error("The organization has no verified domain to use as issuer.");
  return domain;
}
