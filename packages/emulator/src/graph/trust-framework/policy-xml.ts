import { GraphError } from "../route.ts";

const NAMESPACE = "http://schemas.microsoft.com/online/cpim/schemas/2013/06";

/** What the service reads from a policy document before storing it. */
export interface PolicyDocument {
  policyId: string;
  tenantId: string;
  basePolicyId: string | undefined;
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];

/**
 * Reads a `<TrustFrameworkPolicy>` document (api-surface 9.1): the root element in the IEF namespace
 * with `PolicyId` and `TenantId`, and the `<BasePolicy><PolicyId>` it inherits from. Anything else is
 * the service's validation error, so a bad upload changes nothing.
 */
export function readPolicy(xml: string): PolicyDocument {
  const invalid = (why: string) => new GraphError(400, "AADB2C", `Validation failed: ${why}`);
  const root = /<TrustFrameworkPolicy\b[^>]*>/.exec(xml.replace(/^\uFEFF/, ""));
  if (root === null || !/<\/TrustFrameworkPolicy>\s*$/.test(xml)) {
    throw invalid("the document is not a <TrustFrameworkPolicy> element.");
  }
  const tag = root[0];
  if (attr(tag, "xmlns") !== NAMESPACE)
    throw invalid(`the root element must be in the namespace ${NAMESPACE}.`);
  const policyId = attr(tag, "PolicyId");
  const tenantId = attr(tag, "TenantId");
  if (policyId === undefined || !/^B2C_1A_[A-Za-z0-9_-]+$/i.test(policyId)) {
    throw invalid("the PolicyId attribute must be a policy id starting with B2C_1A_.");
  }
  if (tenantId === undefined) throw invalid("the TenantId attribute is missing.");
  const base = /<BasePolicy>[\s\S]*?<PolicyId>\s*([^<\s]+)\s*<\/PolicyId>[\s\S]*?<\/BasePolicy>/.exec(xml);
  return { policyId, tenantId, basePolicyId: base?.[1] };
}

/** The document as the service stores it: `PublicPolicyUri` added to the root when absent (api-surface 9.1). */
export function withPublicPolicyUri(xml: string, defaultDomain: string, policyId: string): string {
  return xml.replace(/<TrustFrameworkPolicy\b[^>]*>/, (tag) =>
    attr(tag, "PublicPolicyUri") !== undefined
      ? tag
      : tag.replace(/\s*>$/, ` PublicPolicyUri="http://${defaultDomain}/${policyId}">`),
  );
}
