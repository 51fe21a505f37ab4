/**
 * The trust framework kinds (Azure AD B2C custom policies and their key sets) in tenant as code: the
 * live objects in spec terms, the checks a spec's policies must pass (well-formed XML whose PolicyId
 * is its key, no inheritance cycle, a base that exists), and the plan's changes: policies compared in
 * normal form and uploaded base first (topological by `<BasePolicy>`), key sets created when missing
 * and otherwise never touched.
 */
import type { KeySet } from "../graph/trust-framework/trust-framework-schema.ts";
import type { LiveKind } from "./live-spec.ts";
import type { PlannedChange } from "./plan-types.ts";
import {
  asTemplate,
  basePolicyOf,
  normalPolicy,
  type PolicyTenant,
  policyOrder,
  policyProblem,
} from "./policy-xml.ts";
import { envPlaceholder, secretEnvName } from "./secrets.ts";
import { problemAt, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import type { Kind, TenantSpec } from "./spec-schema.ts";
import type { KeySetSpec, PolicySpec } from "./trust-framework-spec.ts";
import type { TrustFrameworkState } from "./trust-framework-state.ts";

/** The trust framework kinds, in the order apply creates them (key sets before the policies using them). */
export const TRUST_FRAMEWORK_KINDS = ["trustFrameworkKeySets", "trustFrameworkPolicies"] as const;

/** Whether `kind` is a trust framework kind (B2C tenants only). */
export const isTrustFrameworkKind = (kind: Kind): boolean =>
  (TRUST_FRAMEWORK_KINDS as readonly string[]).includes(kind);

/** A key set as a spec states it: its key's use and type, a symmetric key's secret as a placeholder. */
export function keySetSpec(set: KeySet): KeySetSpec {
  const key = set.keys.find((k) => k.status === "enabled") ?? set.keys[0];
  if (key?.use == null || key.kty == null) return {};
  const kty = key.kty.toUpperCase() === "RSA" ? "RSA" : "OCT";
  const use = key.use === "enc" ? "enc" : "sig";
  return kty === "OCT"
    ? {
        use,
        kty,
        secret: envPlaceholder(
          secretEnvName("trustFrameworkKeySets", set.id.replace(/^B2C_1A_/i, ""), "secret"),
        ),
      }
    : { use, kty };
}

/** The live trust framework in spec terms: policies with the tenant's values as placeholders. */
export function liveTrustFramework(tf: TrustFrameworkState | undefined): {
  trustFrameworkKeySets: LiveKind<KeySetSpec>;
  trustFrameworkPolicies: LiveKind<PolicySpec>;
} {
  const keySets: LiveKind<KeySetSpec> = new Map();
  const policies: LiveKind<PolicySpec> = new Map();
  for (const set of tf?.keySets ?? [])
    keySets.set(set.id.toLowerCase(), [
      ...(keySets.get(set.id.toLowerCase()) ?? []),
      { key: set.id, id: set.id, spec: keySetSpec(set) },
    ]);
  for (const p of tf?.policies ?? [])
    policies.set(p.id.toLowerCase(), [
      ...(policies.get(p.id.toLowerCase()) ?? []),
      { key: p.id, id: p.id, spec: { xml: asTemplate(p.xml, tf?.tenant as PolicyTenant) } },
    ]);
  return { trustFrameworkKeySets: keySets, trustFrameworkPolicies: policies };
}

/** Where a value read from `${file:…}` came from, by spec path (`trustFrameworkPolicies.X.xml`). */
export type SourceFiles = ReadonlyMap<string, string>;

const where = (locate: SpecLocator | undefined, sources: SourceFiles, path: string[], line: number) => {
  const file = sources.get(path.join("."));
  return file === undefined
    ? { ...problemAt(locate, path, ""), at: ` (line ${line} of the XML)` }
    : { file, line, column: 1, path: path.join("."), message: "", at: "" };
};

/**
 * The problems of a spec's policies found without the tenant: XML that is not well formed or not the
 * policy its key names, and inheritance cycles; placed in the XML file when it came from one.
 */
export function checkPolicies(
  spec: TenantSpec,
  locate: SpecLocator | undefined,
  sources: SourceFiles,
  problems: SpecProblem[],
): void {
  const policies = spec.trustFrameworkPolicies ?? {};
  for (const [id, p] of Object.entries(policies)) {
    const problem = policyProblem(p.xml, id);
    if (problem === undefined) continue;
    const { at, ...place } = where(locate, sources, ["trustFrameworkPolicies", id, "xml"], problem.line);
    problems.push({ ...place, message: `${problem.message}${at}` });
  }
  if (problems.length > 0) return;
  const bases = new Map(Object.entries(policies).map(([id, p]) => [id, basePolicyOf(p.xml)?.id]));
  const { cycle } = policyOrder(bases);
  if (cycle !== undefined) {
    const first = cycle[0] as string;
    const line = basePolicyOf(policies[first]?.xml ?? "")?.line ?? 1;
    const { at, ...place } = where(locate, sources, ["trustFrameworkPolicies", first, "xml"], line);
    problems.push({
      ...place,
      message: `the policies inherit in a cycle (${cycle.join(" → ")}); a base policy cannot inherit from its own extensions${at}`,
    });
  }
}

/** The problems found with the tenant read: a base policy neither in the spec nor in the tenant; no trust framework. */
export function checkPoliciesAgainst(
  spec: TenantSpec,
  tf: TrustFrameworkState | undefined,
  locate: SpecLocator | undefined,
  sources: SourceFiles,
  problems: SpecProblem[],
): void {
  const kinds = (["trustFrameworkKeySets", "trustFrameworkPolicies"] as const).filter(
    (k) => spec[k] !== undefined,
  );
  if (tf === undefined) {
    for (const kind of kinds)
      problems.push(
        problemAt(
          locate,
          [kind],
          "this tenant is not an Azure AD B2C tenant and has no trust framework (custom policies, policy keys); remove this kind from the spec for it, or plan against the B2C tenant",
          true,
        ),
      );
    return;
  }
  const known = new Set([
    ...Object.keys(spec.trustFrameworkPolicies ?? {}).map((k) => k.toLowerCase()),
    ...tf.policies.map((p) => p.id.toLowerCase()),
  ]);
  for (const [id, p] of Object.entries(spec.trustFrameworkPolicies ?? {})) {
    const base = basePolicyOf(p.xml);
    if (base === undefined || known.has(base.id.toLowerCase())) continue;
    const { at, ...place } = where(locate, sources, ["trustFrameworkPolicies", id, "xml"], base.line);
    problems.push({
      ...place,
      message: `its base policy ${base.id} is neither in the spec nor in the tenant; add it to trust-framework-policies.yaml${at}`,
    });
  }
}

/** The trust framework kind's changes: creates and updates in upload order; with prune, deletes (policies only). */
export function trustFrameworkChanges(
  kind: Kind,
  spec: TenantSpec,
  live: { [K in (typeof TRUST_FRAMEWORK_KINDS)[number]]: LiveKind<unknown> },
  tenant: PolicyTenant | undefined,
  prune: boolean,
): { forward: PlannedChange[]; deletes: PlannedChange[] } {
  if (kind === "trustFrameworkKeySets") {
    // A key set the tenant has is never changed: its key is made once (rotate it with ciam trust-framework).
    // One without any key (an apply stopped between its creation and its key) still gets its key.
    const forward = Object.entries(spec.trustFrameworkKeySets ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([name, want]): PlannedChange[] => {
        const current = live.trustFrameworkKeySets.get(name.toLowerCase())?.[0] as
          | { id: string; spec: KeySetSpec }
          | undefined;
        const keyless = current !== undefined && current.spec.kty === undefined && want.kty !== undefined;
        if (current !== undefined && !keyless) return [];
        const fields = Object.entries(want).map(([field, after]) => ({
          field,
          after: field === "secret" ? "(write-only secret)" : after,
        }));
        return current === undefined
          ? [{ action: "create", kind, name, fields }]
          : [{ action: "update", kind, name, id: current.id, fields }];
      });
    return { forward, deletes: [] };
  }
  const desired = spec.trustFrameworkPolicies ?? {};
  const t = tenant ?? { domain: "", tenantId: "" };
  const forward: PlannedChange[] = [];
  const bases = new Map(Object.entries(desired).map(([id, p]) => [id, basePolicyOf(p.xml)?.id]));
  for (const name of policyOrder(bases).order) {
    const want = desired[name] as PolicySpec;
    const current = live.trustFrameworkPolicies.get(name.toLowerCase())?.[0] as
      | { key: string; id: string; spec: PolicySpec }
      | undefined;
    if (current === undefined) {
      forward.push({ action: "create", kind, name, fields: [{ field: "xml", after: summary(want.xml) }] });
      continue;
    }
    const after = normalPolicy(want.xml, name, t);
    const before = normalPolicy(current.spec.xml, name, t);
    if (after === before) continue;
    forward.push({
      action: "update",
      kind,
      name,
      id: current.id,
      fields: [{ field: "xml", ...firstDifference(before, after) }],
    });
  }
  const deletes: PlannedChange[] = [];
  if (prune && spec.trustFrameworkPolicies !== undefined) {
    const listed = new Set(Object.keys(desired).map((k) => k.toLowerCase()));
    const liveBases = new Map(
      [...live.trustFrameworkPolicies.values()]
        .flat()
        .map((o) => [o.key, basePolicyOf((o.spec as PolicySpec).xml)?.id] as const),
    );
    // Relying party policies before the extensions and bases they inherit from.
    for (const name of policyOrder(liveBases).order.reverse())
      if (!listed.has(name.toLowerCase()))
        deletes.push({ action: "delete", kind, name, id: name, fields: [] });
  }
  return { forward, deletes };
}

const summary = (xml: string) => `(policy XML, ${xml.split("\n").length} lines)`;

/** The first part where two normal forms differ, a little context around it. */
function firstDifference(before: string, after: string): { before: string; after: string } {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  const start = Math.max(0, before.lastIndexOf("<", i));
  const cut = (s: string) => `…${s.slice(start, start + 120)}…`;
  return { before: cut(before), after: cut(after) };
}
