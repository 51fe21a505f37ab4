/**
 * `planTenant`: what apply would change to make the tenant as the spec says. Objects are matched by
 * natural key (so same-named objects are adopted, never duplicated); a spec field differing from the
 * tenant is an update, or a replace where Graph cannot change it in place; with `prune`, objects of a
 * kind the spec manages that it does not list are deleted. Changes come in the order apply runs them.
 */
import { createHash } from "node:crypto";
import type { ServiceClient } from "../http/service-client.ts";
import { filesAsBytes } from "./branding-file-steps.ts";
import {
  brandingFileProblems,
  fileFields,
  referencedFiles,
  type SpecFiles,
  withFileDigests,
} from "./branding-files.ts";
import { checkSpec } from "./check-spec.ts";
import { changedFields } from "./compare.ts";
import { unmanagedListeners } from "./listener-targets.ts";
import { duplicates, type LiveSpec, liveSpec } from "./live-spec.ts";
import { type FieldChange, MASKED, type PlannedChange } from "./plan-types.ts";
import { resolveReferences } from "./resolve-references.ts";
import type { SecretSources } from "./secrets.ts";
import { SpecError, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import { KINDS, type Kind, type TenantSpec, type TenantSpecInput } from "./spec-schema.ts";
import { readTenantState, type TenantState } from "./tenant-state.ts";
import {
  checkPoliciesAgainst,
  isTrustFrameworkKind,
  type SourceFiles,
  trustFrameworkChanges,
} from "./trust-framework-kind.ts";

/** A plan: the changes in apply's order, the spec it leads to, and the state it was made on. */
export interface TenantPlan {
  changes: PlannedChange[];
  /** Of the tenant state the plan was computed on: {@link applyPlan} refuses to run on another. */
  stateHash: string;
  prune: boolean;
  /** The spec, references resolved; secrets are still placeholders. */
  spec: TenantSpec;
  /** The bytes of the files the spec's branding names, by path: what apply uploads. */
  files: SpecFiles;
  /** Objects of the spec's kinds that tenant as code leaves alone, and why (fraud protection listeners). */
  unmanaged: string[];
}

/** Options of {@link planTenant}. */
export interface PlanOptions extends SecretSources {
  /** Delete objects of the spec's kinds that the spec does not list. */
  prune?: boolean | undefined;
  /** Where each spec path was written (a spec read by `loadSpecDir`), for errors. */
  locate?: SpecLocator | undefined;
  /** Files beside the spec (branding images, CSS) by path relative to the spec folder; text is UTF-8. */
  files?: Readonly<Record<string, Uint8Array | string>> | undefined;
  /** The files values were read from with `${file:…}`, by spec path (set by {@link planTenant}). */
  sources?: SourceFiles | undefined;
  signal?: AbortSignal | undefined;
}

const SECRET = new Set(["clientSecret", "certificateData"]);
const mask = (field: string, value: unknown) => (SECRET.has(field) ? MASKED : value);

/** The fingerprint of a tenant's configuration: every managed object with its id and settings. */
export function stateHash(live: LiveSpec): string {
  const rows = KINDS.flatMap((kind) =>
    [...live[kind].values()]
      .flat()
      .map((o) => JSON.stringify([kind, o.key, o.id, o.spec]))
      .sort(),
  );
  return createHash("sha256").update(rows.join("\n")).digest("hex").slice(0, 32);
}

/** Why an update of these fields needs a replace (Graph cannot change them in place), if it does. */
function replaceReason(kind: Kind, fields: readonly FieldChange[]): string | undefined {
  if (kind === "userFlowAttributes" && fields.some((f) => f.field === "dataType"))
    return "an attribute's data type is fixed when it is created";
  if (kind === "identityProviders" && fields.some((f) => f.field === "kind"))
    return "a provider's kind is fixed when it is created";
  if (kind === "customExtensions" && fields.some((f) => f.field === "event"))
    return "an extension's event is fixed when it is created";
  return undefined;
}

/** The changes of one kind: creates, updates and replaces of the spec's objects; deletes with prune. */
function kindChanges(
  kind: Kind,
  spec: TenantSpec,
  live: LiveSpec,
  prune: boolean,
  state?: TenantState,
): { forward: PlannedChange[]; deletes: PlannedChange[] } {
  if (isTrustFrameworkKind(kind))
    return trustFrameworkChanges(kind, spec, live, state?.trustFramework?.tenant, prune);
  const desired = (spec[kind] ?? {}) as Record<string, Record<string, unknown>>;
  const forward: PlannedChange[] = [];
  const listed = new Set<string>();
  // The default branding comes before the localizations that override it.
  const order = (name: string) => (kind === "branding" && name.toLowerCase() === "default" ? "" : name);
  for (const name of Object.keys(desired).sort((a, b) =>
    order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0,
  )) {
    const want = desired[name] ?? {};
    listed.add(name.toLowerCase());
    const current = live[kind].get(name.toLowerCase())?.[0];
    if (current === undefined) {
      forward.push({
        action: "create",
        kind,
        name,
        fields: (kind === "branding" ? fileFields : (f: FieldChange[]) => f)(
          Object.entries(want)
            .filter(([, v]) => v !== undefined)
            .map(([field, after]) => ({ field, after: mask(field, after) })),
        ),
      });
      continue;
    }
    // With prune, a branding's files are all it has: those the spec lacks are removed.
    const compared = changedFields(want, current.spec as Record<string, unknown>, {
      skip: [...SECRET],
      whole: prune ? ["requiredPermissions", "files"] : ["requiredPermissions"],
    });
    const fields = kind === "branding" ? fileFields(compared) : compared;
    if (fields.length === 0) continue;
    const reason = replaceReason(kind, fields);
    forward.push({
      action: reason === undefined ? "update" : "replace",
      kind,
      name: current.key === name ? name : name,
      id: current.id,
      fields,
      ...(reason === undefined ? {} : { reason }),
    });
  }
  const deletes: PlannedChange[] = [];
  if (prune && spec[kind] !== undefined) {
    for (const objects of live[kind].values()) {
      for (const o of objects) {
        if (listed.has(o.key.toLowerCase())) continue;
        // The default branding is never pruned: deleting it takes every localization with it.
        if (kind === "branding" && o.key === "default") continue;
        deletes.push({ action: "delete", kind, name: o.key, id: o.id, fields: [] });
      }
    }
    deletes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return { forward, deletes };
}

/** The changes from the live state to the spec, in apply's order (dependencies first, deletes last and in reverse). */
export function diffTenant(
  spec: TenantSpec,
  live: LiveSpec,
  prune: boolean,
  state?: TenantState,
): PlannedChange[] {
  const per = KINDS.map((kind) => kindChanges(kind, spec, live, prune, state));
  return [...per.flatMap((p) => p.forward), ...per.reverse().flatMap((p) => p.deletes)];
}

/** The spec checked against the live state: every reference known, no name matching two objects. */
export function prepareSpec(
  spec: TenantSpec,
  state: TenantState,
  live: LiveSpec,
  locate: SpecLocator | undefined,
  sources: SourceFiles = new Map(),
): TenantSpec {
  const problems: SpecProblem[] = [];
  checkPoliciesAgainst(spec, state.trustFramework, locate, sources, problems);
  for (const kind of KINDS) {
    if (spec[kind] === undefined) continue;
    for (const clash of duplicates(live, kind))
      problems.push({ path: kind, message: `${clash}; rename or delete one of them` });
  }
  const resolved = resolveReferences(spec, live, state, locate, problems);
  if (problems.length > 0) throw new SpecError(problems);
  return resolved;
}

/** The kinds a spec states: the only ones plan and apply read. */
export const specKinds = (spec: TenantSpec): Kind[] => KINDS.filter((kind) => spec[kind] !== undefined);

/** The resources the spec's applications require permissions on, by name or client id. */
export function resourceNames(spec: TenantSpec): string[] {
  return Object.values(spec.applications ?? {}).flatMap((app) => Object.keys(app.requiredPermissions ?? {}));
}

/**
 * Plans the changes that make the tenant as `spec` says. The spec is validated first (a
 * {@link SpecError} before any request); the tenant is then read, references are resolved against
 * the spec and the tenant, and nothing is written.
 */
export async function planTenant(
  client: { graph: ServiceClient; tenantId: string; graphBeta?: ServiceClient | undefined },
  spec: TenantSpecInput,
  options: PlanOptions = {},
): Promise<TenantPlan> {
  const sources = new Map(options.sources);
  const checked = checkSpec(spec, { ...options, sources });
  const files = filesAsBytes(options.files);
  const fileProblems = brandingFileProblems(checked.branding, files, options.locate);
  if (fileProblems.length > 0) throw new SpecError(fileProblems);
  const state = await readTenantState(client, options.signal, resourceNames(checked), specKinds(checked));
  const live = liveSpec(state);
  const resolved = prepareSpec(checked, state, live, options.locate, sources);
  const prune = options.prune === true;
  return {
    changes: diffTenant(withFileDigests(resolved, files, prune), live, prune, state),
    stateHash: stateHash(live),
    prune,
    spec: resolved,
    files: referencedFiles(resolved.branding, files),
    unmanaged:
      resolved.eventListeners === undefined ? [] : unmanagedListeners(state.listeners, live.refs.appName),
  };
}
