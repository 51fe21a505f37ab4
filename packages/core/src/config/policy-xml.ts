// biome-ignore-all lint/suspicious/noTemplateCurlyInString: policies are written with ${tenant}
/**
 * Trust framework policies as tenant as code compares and orders them: a well-formedness check with
 * the line of the problem, the `<BasePolicy>` a policy inherits from, the tenant-specific values a spec
 * writes as placeholders (`${tenant}` for the default domain, `${tenantId}` for the tenant's id), and a
 * normal form in which whitespace, comments, attribute order and the `PublicPolicyUri` the service adds
 * make no difference.
 */
import type * as FastXml from "fast-xml-parser";
import { lazyModule } from "../lazy-module.ts";

const loadXml = lazyModule<typeof FastXml>("fast-xml-parser");

/** The tenant a policy is written for: its default domain and id. */
export interface PolicyTenant {
  domain: string;
  tenantId: string;
}

/** A problem of a policy document, at its line. */
export interface XmlProblem {
  line: number;
  message: string;
}

/** Why `xml` is not a policy document, with its line; `undefined` when it is one. */
export function policyProblem(xml: string, id: string): XmlProblem | undefined {
  const valid = loadXml().XMLValidator.validate(xml);
  if (valid !== true) return { line: valid.err.line, message: `not well-formed XML: ${valid.err.msg}` };
  const root = /<TrustFrameworkPolicy\b[^>]*>/.exec(xml);
  if (root === null) return { line: 1, message: "not a <TrustFrameworkPolicy> document" };
  const declared = /\sPolicyId\s*=\s*"([^"]*)"/.exec(root[0])?.[1];
  if (declared?.toLowerCase() !== id.toLowerCase())
    return {
      line: lineAt(xml, root.index),
      message: `its PolicyId is '${declared ?? "(none)"}', not '${id}': the key is the policy's PolicyId`,
    };
  return undefined;
}

/** The 1-based line of `index` in `text`. */
export const lineAt = (text: string, index: number): number => text.slice(0, index).split("\n").length;

/** The policy `xml` inherits from, with the line of its `<BasePolicy>`; undefined for a base policy. */
export function basePolicyOf(xml: string): { id: string; line: number } | undefined {
  const m = /<BasePolicy>[\s\S]*?<PolicyId>\s*([^<\s]+)\s*<\/PolicyId>[\s\S]*?<\/BasePolicy>/.exec(xml);
  return m?.[1] === undefined ? undefined : { id: m[1], line: lineAt(xml, m.index) };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `xml` with the placeholders replaced by the tenant's values. */
export const withTenant = (xml: string, t: PolicyTenant): string =>
  xml.replaceAll("${tenantId}", t.tenantId).replaceAll("${tenant}", t.domain);

/** `xml` with the tenant's domain and id written as `${tenant}` and `${tenantId}` (export). */
export const asTemplate = (xml: string, t: PolicyTenant): string =>
  xml
    .replace(new RegExp(escapeRegExp(t.domain), "gi"), "${tenant}")
    .replace(new RegExp(escapeRegExp(t.tenantId), "gi"), "${tenantId}");

/** The parser, made on first use (fast-xml-parser is loaded only by a tenant-as-code B2C run). */
let parserMade: FastXml.XMLParser | undefined;
function parser(): FastXml.XMLParser {
  parserMade ??= new (loadXml().XMLParser)({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    processEntities: true,
  });
  return parserMade;
}

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

function canonical(nodes: readonly Node[], policyUri: string): string {
  return nodes
    .map((node) => {
      const tag = Object.keys(node).find((k) => k !== ":@") ?? "";
      if (tag === "#text") return String(node[tag]).replace(/\s+/g, " ");
      const attrs = Object.entries(node[":@"] ?? {})
        // The service adds PublicPolicyUri="http://{domain}/{PolicyId}" when a policy has none.
        .filter(
          ([k, v]) => !(tag === "TrustFrameworkPolicy" && k === "PublicPolicyUri" && lc(v) === policyUri),
        )
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => ` ${k}="${v}"`)
        .join("");
      return `<${tag}${attrs}>${canonical(node[tag] as Node[], policyUri)}</${tag}>`;
    })
    .join("");
}

const lc = (s: string) => s.toLowerCase();

/**
 * The normal form of a policy written for `tenant` (placeholders resolved): equal for two documents
 * that differ only in whitespace, comments, attribute order or the default `PublicPolicyUri`.
 */
export function normalPolicy(xml: string, id: string, tenant: PolicyTenant): string {
  const resolved = withTenant(xml, tenant);
  return canonical(parser().parse(resolved) as Node[], lc(`http://${tenant.domain}/${id}`));
}

/**
 * The policies in upload order: each after the policy it inherits from (base, extensions, relying
 * party), ties by id. A cycle is returned as the ids on it.
 */
export function policyOrder(bases: ReadonlyMap<string, string | undefined>): {
  order: string[];
  cycle?: string[];
} {
  const byLc = new Map([...bases.keys()].map((k) => [lc(k), k]));
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  let cycle: string[] | undefined;
  const visit = (id: string, path: string[]) => {
    const s = state.get(id);
    if (s === "done" || cycle !== undefined) return;
    if (s === "visiting") {
      cycle = [...path.slice(path.indexOf(id)), id];
      return;
    }
    state.set(id, "visiting");
    const base = bases.get(id);
    const baseKey = base === undefined ? undefined : byLc.get(lc(base));
    if (baseKey !== undefined) visit(baseKey, [...path, id]);
    state.set(id, "done");
    order.push(id);
  };
  for (const id of [...bases.keys()].sort()) visit(id, []);
  return cycle === undefined ? { order } : { order, cycle };
}
