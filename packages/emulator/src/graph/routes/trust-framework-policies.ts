import type { JsonObject } from "../../store/json.ts";
import { GraphError, type GraphRequest, type GraphResult, type GraphRoute } from "../route.ts";
import { iefNotFound, requireB2c } from "../trust-framework/b2c-guard.ts";
import { readPolicy, withPublicPolicyUri } from "../trust-framework/policy-xml.ts";
import { audit } from "./common.ts";

const READ = ["Policy.Read.All", "Policy.ReadWrite.TrustFramework"];
const WRITE = ["Policy.ReadWrite.TrustFramework"];
/** Policy records: id (as uploaded) → `{ id, xml }`. */
const POLICIES = "trustFrameworkPolicies";
const XML = "application/xml; charset=utf-8";

function findPolicy(req: GraphRequest, id: string): JsonObject | undefined {
  const lower = id.toLowerCase();
  for (const [key, record] of req.tenant.collection(POLICIES).entries())
    if (key.toLowerCase() === lower) return record;
  return undefined;
}

function auditPolicy(req: GraphRequest, verb: "Add" | "Update" | "Delete", id: string) {
  audit(req, {
    activityDisplayName: `${verb === "Delete" ? "Delete" : "Upload"} custom policy`,
    category: "Policy",
    operationType: verb,
    targets: [{ id, displayName: id, type: "TrustFrameworkPolicy" }],
  });
}

/**
 * Validates and stores an uploaded document: XML content type (mandatory, api-surface 9.1), a policy
 * of this tenant, the id of the path when there is one, and an existing base policy — B2C refuses
 * "Policy with 'policyId': … cannot be found in the directory" otherwise.
 */
function upload(
  req: GraphRequest,
  pathId: string | undefined,
): { id: string; xml: string; created: boolean } {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/xml" && type !== "text/xml") {
    throw new GraphError(415, "AADB2C", "Policies are uploaded with Content-Type: application/xml.");
  }
  const doc = readPolicy(req.rawBody.toString("utf8"));
  if (pathId !== undefined && doc.policyId.toLowerCase() !== pathId.toLowerCase()) {
    throw new GraphError(
      400,
      "AADB2C",
      `Validation failed: the PolicyId '${doc.policyId}' differs from '${pathId}' in the URL.`,
    );
  }
  const domain = req.tenant.info.defaultDomain;
  if (
    doc.tenantId.toLowerCase() !== domain.toLowerCase() &&
    doc.tenantId.toLowerCase() !== req.tenant.info.id
  ) {
    throw new GraphError(
      400,
      "AADB2C",
      `Validation failed: the policy's TenantId '${doc.tenantId}' is not this tenant (${domain}).`,
    );
  }
  if (doc.basePolicyId !== undefined && findPolicy(req, doc.basePolicyId) === undefined) {
    throw new GraphError(
      400,
      "AADB2C",
      `Validation failed: Policy with 'policyId': ${doc.basePolicyId} cannot be found in the directory '${req.tenant.info.id}'.`,
    );
  }
  const existing = findPolicy(req, doc.policyId);
  const id = existing === undefined ? doc.policyId : String(existing.id);
  const xml = withPublicPolicyUri(req.rawBody.toString("utf8"), domain, id);
  req.tenant.collection(POLICIES).put(id, { id, xml });
  auditPolicy(req, existing === undefined ? "Add" : "Update", id);
  return { id, xml, created: existing === undefined };
}

function create(req: GraphRequest): GraphResult {
  requireB2c(req, WRITE);
  const doc = readPolicy(req.rawBody.toString("utf8"));
  if (findPolicy(req, doc.policyId) !== undefined) {
    throw new GraphError(
      409,
      "AADB2C",
      `A policy with id '${doc.policyId}' already exists; replace it with PUT …/policies/{id}/$value.`,
    );
  }
  const { id, xml } = upload(req, undefined);
  return {
    status: 201,
    headers: { location: `/trustFramework/policies/${id}/`, "content-type": XML },
    body: xml,
  };
}

function replace(req: GraphRequest, pathId: string): GraphResult {
  requireB2c(req, WRITE);
  const { xml, created } = upload(req, pathId);
  return { status: created ? 201 : 200, headers: { "content-type": XML }, body: xml };
}

function policyOrThrow(req: GraphRequest, id: string): JsonObject {
  const record = findPolicy(req, id);
  if (record === undefined) throw iefNotFound("Policy", id);
  return record;
}

const p = (params: Readonly<Record<string, string>>, name: string): string => params[name] as string;
const beta = ["beta"] as const;

/** B2C custom policies, beta only and only in B2C tenants (api-surface 9.1). */
export const trustFrameworkPolicyRoutes: GraphRoute[] = [
  {
    method: "GET",
    path: "/trustFramework/policies",
    versions: beta,
    permissions: [],
    handle: (req) => {
      requireB2c(req, READ);
      const value = [...req.tenant.collection(POLICIES).values()].map((r) => ({ id: r.id ?? null }));
      return {
        status: 200,
        body: { "@odata.context": `${req.baseUrl}/beta/$metadata#trustFramework/policies`, value },
      };
    },
  },
  { method: "POST", path: "/trustFramework/policies", versions: beta, permissions: [], handle: create },
  {
    method: "GET",
    path: "/trustFramework/policies/{id}",
    versions: beta,
    permissions: [],
    handle: (req, x) => {
      requireB2c(req, READ);
      const record = policyOrThrow(req, p(x, "id"));
      return {
        status: 200,
        body: {
          "@odata.context": `${req.baseUrl}/beta/$metadata#trustFramework/policies/$entity`,
          id: record.id ?? null,
        },
      };
    },
  },
  {
    method: "GET",
    path: "/trustFramework/policies/{id}/$value",
    versions: beta,
    permissions: [],
    handle: (req, x) => {
      requireB2c(req, READ);
      return {
        status: 200,
        headers: { "content-type": XML },
        body: String(policyOrThrow(req, p(x, "id")).xml),
      };
    },
  },
  {
    method: "PUT",
    path: "/trustFramework/policies/{id}/$value",
    versions: beta,
    permissions: [],
    handle: (req, x) => replace(req, p(x, "id")),
  },
  {
    method: "DELETE",
    path: "/trustFramework/policies/{id}",
    versions: beta,
    permissions: [],
    handle: (req, x) => {
      requireB2c(req, WRITE);
      const record = policyOrThrow(req, p(x, "id"));
      req.tenant.collection(POLICIES).delete(String(record.id));
      auditPolicy(req, "Delete", String(record.id));
      return { status: 204 };
    },
  },
];
