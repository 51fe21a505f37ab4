import { createHash } from "node:crypto";
import { COLLECTIONS } from "../../store/collection-names.ts";
import type { JsonObject } from "../../store/json.ts";
import { hasDnsTxt } from "../dns-zone.ts";
import { newDomain } from "../entities/domain.ts";
import { defineEntitySet, type EntitySet } from "../entity-set/define-entity-set.ts";
import { objectConflict } from "../graph-errors.ts";
import type { CollectionSpec } from "../odata/collection-query.ts";
import { getEntity } from "../odata/collection-query.ts";
import { GraphError, type GraphRequest, type GraphRoute } from "../route.ts";

/**
 * `/domains` (domain-list, domain-get, domain-post-domains, domain-delete,
 * domain-list-verificationdnsrecords, domain-verify): reading takes Domain.Read.All (or
 * Directory.Read.All), writing Domain.ReadWrite.All. A domain is addressed by its name. Verification
 * looks for the domain's `MS=ms…` TXT record in the emulator's DNS, which the control API publishes
 * (`POST /_emulator/dns/publish`); the error texts of a refused verify or delete are the emulator's
 * (Microsoft's pages document none), listed in docs/emulator-graph.md.
 */
const READ = ["Domain.Read.All", "Domain.ReadWrite.All"];
const WRITE = ["Domain.ReadWrite.All"];
const TYPE = "domain";
/** A DNS name of two labels or more (letters, digits, hyphens), as Graph takes for `id`. */
const DOMAIN_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const spec: CollectionSpec = {
  entitySet: "domains",
  type: TYPE,
  directory: true,
  page: { default: 100, max: 999 },
  filter: {
    resource: "Domain",
    type: TYPE,
    directory: true,
    properties: { id: { ops: "eq" }, isVerified: { ops: "eq" }, isDefault: { ops: "eq" } },
  },
};

const bad = (message: string) => new GraphError(400, "Request_BadRequest", message);

/** The TXT text a domain of a tenant is verified by: stable for the pair, as Entra's is. */
function verificationCode(req: GraphRequest, name: string): string {
  const digest = createHash("sha256").update(`${req.tenant.info.id}:${name.toLowerCase()}`).digest();
  return `ms${String(digest.readUInt32BE(0) % 100_000_000).padStart(8, "0")}`;
}

function newAddedDomain(req: GraphRequest, body: JsonObject): JsonObject {
  const name = body.id;
  if (typeof name !== "string" || !DOMAIN_NAME.test(name))
    throw bad("Property 'id' must be a domain name such as login.contoso.com.");
  for (const key of Object.keys(body))
    if (key !== "id" && !key.startsWith("@"))
      throw bad(`Property '${key}' cannot be set when adding a domain.`);
  const lower = name.toLowerCase();
  if (lower.endsWith(".onmicrosoft.com"))
    throw bad("Domains ending in onmicrosoft.com are reserved: the tenant's initial domain is one.");
  if (req.tenant.collection(COLLECTIONS.domains).get(lower) !== undefined) throw objectConflict("id");
  req.tenant
    .collection(COLLECTIONS.domainVerifications)
    .put(lower, { id: lower, text: verificationCode(req, lower) });
  return newDomain(lower, false);
}

/** The directory objects named after the domain: users signing in as `…@domain` or with it as issuer. */
function references(req: GraphRequest, name: string): number {
  const suffix = `@${name.toLowerCase()}`;
  let count = 0;
  for (const user of req.tenant.collection(COLLECTIONS.users).values()) {
    const upn = String(user.userPrincipalName ?? "").toLowerCase();
    const issuers = Array.isArray(user.identities)
      ? user.identities.map((i) => String((i as JsonObject).issuer ?? "").toLowerCase())
      : [];
    if (upn.endsWith(suffix) || issuers.includes(name.toLowerCase())) count++;
  }
  return count;
}

function refuseDelete(req: GraphRequest, domain: JsonObject): void {
  const name = String(domain.id);
  if (domain.isInitial === true) throw bad(`The initial domain ${name} cannot be deleted.`);
  if (domain.isDefault === true)
    throw bad(`${name} is the default domain: make another domain the default first.`);
  const used = references(req, name);
  if (used > 0)
    throw bad(
      `The domain ${name} is in use by ${used} object(s) (domainNameReferences): change their sign-in names first.`,
    );
}

/** The verification records of an unverified domain: the TXT record to publish, and the MX alternative. */
function verificationRecords(req: GraphRequest, domain: JsonObject): JsonObject[] {
  const name = String(domain.id);
  const code = String(req.tenant.collection(COLLECTIONS.domainVerifications).get(name)?.text ?? "");
  const common = { isOptional: false, label: name, supportedService: "Email", ttl: 3600 };
  return [
    {
      "@odata.type": "#microsoft.graph.domainDnsTxtRecord",
      id: `aceff52c-06a5-447f-ac5f-256ad243cc5c-${code}`,
      ...common,
      recordType: "Txt",
      text: `MS=${code}`,
    },
    {
      "@odata.type": "#microsoft.graph.domainDnsMxRecord",
      id: `5fbde38c-0865-497f-82b1-126f596bcee9-${code}`,
      ...common,
      recordType: "Mx",
      mailExchange: `${code}.msv1.invalid`,
      preference: 32767,
    },
  ];
}

function verify(req: GraphRequest, set: EntitySet, key: string) {
  const domain = set.find(req, key);
  const name = String(domain.id);
  if (domain.isVerified === true) throw bad(`The domain ${name} is already verified.`);
  const text = `MS=${String(req.tenant.collection(COLLECTIONS.domainVerifications).get(name)?.text ?? "")}`;
  if (!hasDnsTxt(req.store, name, text))
    throw bad(
      `Domain verification failed: no DNS TXT record '${text}' was found at ${name}. Publish it at your DNS host and retry once it has propagated.`,
    );
  const verified = {
    ...domain,
    isVerified: true,
    supportedServices: ["Email", "OfficeCommunicationsOnline"],
  };
  set.records(req).put(name, verified);
  set.audit(req, "Update", domain, verified, ["isVerified"], "Verify domain");
  const orgs = req.tenant.collection(COLLECTIONS.organization);
  const org = orgs.get(req.tenant.info.id);
  if (org !== undefined) {
    const entry = {
      capabilities: "Email, OfficeCommunicationsOnline",
      isDefault: false,
      isInitial: false,
      name,
      type: "Managed",
    };
    const list = Array.isArray(org.verifiedDomains) ? org.verifiedDomains : [];
    orgs.put(req.tenant.info.id, { ...org, verifiedDomains: [...list, entry] });
  }
  return getEntity(req, spec, verified);
}

export const domainSet = defineEntitySet({
  name: "domains",
  collection: COLLECTIONS.domains,
  storeKey: (record) => String(record.id).toLowerCase(),
  type: TYPE,
  spec,
  directory: true,
  find: (req, key) => req.tenant.collection(COLLECTIONS.domains).get(key.toLowerCase()),
  read: { permissions: READ, count: false },
  audit: { category: "DirectoryManagement", activity: "domain", targetType: "Domain" },
  create: { permissions: WRITE, build: newAddedDomain },
  remove: {
    permissions: WRITE,
    before: refuseDelete,
    after: (req, domain) => {
      req.tenant.collection(COLLECTIONS.domainVerifications).delete(String(domain.id));
      const orgs = req.tenant.collection(COLLECTIONS.organization);
      const org = orgs.get(req.tenant.info.id);
      if (org !== undefined && Array.isArray(org.verifiedDomains)) {
        const kept = org.verifiedDomains.filter((d) => (d as JsonObject).name !== domain.id);
        orgs.put(req.tenant.info.id, { ...org, verifiedDomains: kept });
      }
    },
  },
  extraRoutes: (set) => [
    {
      method: "GET",
      path: "/domains/{id}/verificationDnsRecords",
      permissions: READ,
      directory: true,
      handle: (req, x) => {
        const domain = set.find(req, x.id ?? "");
        const base = `${req.baseUrl}/${req.version}/$metadata`;
        return {
          status: 200,
          body: {
            "@odata.context": `${base}#domains('${String(domain.id)}')/verificationDnsRecords`,
            value: domain.isVerified === true ? [] : verificationRecords(req, domain),
          },
        };
      },
    },
    {
      method: "POST",
      path: "/domains/{id}/verify",
      permissions: WRITE,
      handle: (req, x) => verify(req, set, x.id ?? ""),
    },
  ],
});

/** Custom domains (issue 14): list, get, add, delete, verification records, verify. */
export const domainRoutes: readonly GraphRoute[] = domainSet.routes;
