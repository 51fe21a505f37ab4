/** The domains resource client (`/domains`, Domain.ReadWrite.All): add, read, verify, delete. */
import { paginate } from "../../http/paginate.ts";
import type { RequestOptions, ServiceClient } from "../../http/service-client.ts";
import { segment } from "../common.ts";
import { domainMapping, type GraphDnsRecord, type GraphDomain, txtRecordOf } from "./domain-mapping.ts";
import type { Domain } from "./domain-schema.ts";

type Common = Pick<RequestOptions, "signal">;
const path = (name: string) => `/domains/${segment(name)}`;

/** A domain as Graph has it, without its record. */
export async function getDomain(graph: ServiceClient, name: string, options: Common = {}): Promise<Domain> {
  return domainMapping.fromGraph(await graph.get<GraphDomain>(path(name), options));
}

/** A domain with the TXT record to publish while it is unverified. */
export async function withTxtRecord(
  graph: ServiceClient,
  domain: Domain,
  options: Common = {},
): Promise<Domain> {
  if (domain.isVerified) return domain;
  const records = await graph.get<{ value: GraphDnsRecord[] }>(
    `${path(domain.id)}/verificationDnsRecords`,
    options,
  );
  const txtRecord = txtRecordOf(domain.id, records.value);
  return txtRecord === undefined ? domain : { ...domain, txtRecord };
}

/** Every domain of the tenant (a tenant has few), each unverified one with its TXT record. */
export async function listDomains(graph: ServiceClient, options: Common = {}): Promise<Domain[]> {
  const out: Domain[] = [];
  for await (const raw of paginate<GraphDomain>(graph, "/domains", options))
    out.push(await withTxtRecord(graph, domainMapping.fromGraph(raw), options));
  return out;
}

/** Adds a domain (unverified), returning it with the TXT record to publish. */
export async function addDomain(graph: ServiceClient, name: string, options: Common = {}): Promise<Domain> {
  const created = await graph.post<GraphDomain>("/domains", domainMapping.toGraphCreate(name), options);
  return withTxtRecord(graph, domainMapping.fromGraph(created), options);
}

/** Asks Graph to verify a domain (it looks up the TXT record). */
export async function verifyDomain(
  graph: ServiceClient,
  name: string,
  options: Common = {},
): Promise<Domain> {
  return domainMapping.fromGraph(await graph.post<GraphDomain>(`${path(name)}/verify`, {}, options));
}

/** Deletes a domain. */
export async function deleteDomain(graph: ServiceClient, name: string, options: Common = {}): Promise<void> {
  await graph.delete(path(name), options);
}
