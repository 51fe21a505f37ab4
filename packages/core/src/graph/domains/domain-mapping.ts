/**
 * The domain's mapping (`/domains`): Graph's `domain` and its verification `domainDnsTxtRecord` in
 * and out of ciamkit's {@link Domain}. A domain is created by name only.
 */
import type { GraphBody, ResourceMapping } from "../mapping.ts";
import type { Domain, TxtRecord } from "./domain-schema.ts";

/** `domain` as Graph returns it (the parts ciamkit reads). */
export interface GraphDomain {
  id: string;
  isVerified?: boolean | null;
  isDefault?: boolean | null;
  isInitial?: boolean | null;
}

/** `domainDnsRecord` as Graph returns it (a TXT record carries `text`). */
export interface GraphDnsRecord {
  recordType?: string | null;
  label?: string | null;
  text?: string | null;
  ttl?: number | null;
}

export const domainMapping = {
  fromGraph: (g: GraphDomain): Domain => ({
    id: g.id,
    isVerified: g.isVerified === true,
    isDefault: g.isDefault === true,
    isInitial: g.isInitial === true,
  }),
  toGraphCreate: (name: string): GraphBody => ({ id: name }),
  naturalKey: (domain: Domain): string => domain.id.toLowerCase(),
} satisfies ResourceMapping<GraphDomain, Domain, string, never>;

/** The TXT record among a domain's verification records (Graph also offers an MX one). */
export function txtRecordOf(domain: string, records: readonly GraphDnsRecord[]): TxtRecord | undefined {
  const txt = records.find((r) => r.recordType?.toLowerCase() === "txt" && typeof r.text === "string");
  return txt === undefined
    ? undefined
    : { name: txt.label ?? domain, text: txt.text ?? "", ttl: txt.ttl ?? 3600 };
}
