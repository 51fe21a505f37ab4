/**
 * The pure half of `user_flow_setup`: resolving the spec's attribute names to ids and deciding whether
 * a flow's stored page already is the page the spec asks for, so that a rerun sends nothing.
 */

import { customAttributeKey } from "../user-flow-attributes/user-flow-attribute-mapping.ts";
import type { UserFlowAttribute } from "../user-flow-attributes/user-flow-attribute-schema.ts";
import type { PageInput, UserFlow } from "./user-flow-schema.ts";

type Input = PageInput["views"][number]["inputs"][number];
type StoredInput = NonNullable<UserFlow["page"]>["views"][number]["inputs"][number];

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Resolves an attribute named in a spec: a tenant attribute id (`email`, `extension_…_Tier`), else a
 * custom attribute's display name (`Tier`). Custom attributes the spec is about to create resolve to
 * `undefined` until they exist; names that match nothing are returned in `unknown`.
 */
export function attributeResolver(
  tenant: readonly UserFlowAttribute[],
  pendingCustom: readonly string[],
): { resolve: (ref: string) => string | undefined; isKnown: (ref: string) => boolean } {
  const resolve = (ref: string) =>
    tenant.find((a) => same(a.id, ref))?.id ??
    tenant.find(
      (a) =>
        a.userFlowAttributeType === "custom" &&
        customAttributeKey(a.displayName ?? "") === customAttributeKey(ref),
    )?.id;
  return {
    resolve,
    isKnown: (ref) =>
      resolve(ref) !== undefined ||
      pendingCustom.some((name) => customAttributeKey(name) === customAttributeKey(ref)),
  };
}

/** The page with every input's attribute replaced by its id. */
export function pageWithIds(page: PageInput, idOf: (ref: string) => string): PageInput {
  return {
    views: page.views.map((v) => ({
      ...v,
      inputs: v.inputs.map((i) => ({ ...i, attribute: idOf(i.attribute) })),
    })),
  };
}

/** The settings of a page input, besides its attribute, default value and options. */
export const INPUT_SETTINGS = [
  "label",
  "inputType",
  "required",
  "hidden",
  "editable",
  "writeToDirectory",
  "validationRegEx",
] as const;

function inputMatches(stored: StoredInput, wanted: Input): boolean {
  if (!same(stored.attribute, wanted.attribute)) return false;
  for (const key of INPUT_SETTINGS) {
    const w = wanted[key];
    // A field the spec leaves out is whatever Graph stored (its default): not a difference.
    if (w !== undefined && (stored[key] ?? undefined) !== w) return false;
  }
  if (wanted.defaultValue !== undefined && (stored.defaultValue ?? null) !== wanted.defaultValue)
    return false;
  if (wanted.options !== undefined && JSON.stringify(stored.options) !== JSON.stringify(wanted.options)) {
    return false;
  }
  return true;
}

/** Whether the stored page is the spec's page: same views, same inputs in order, every given field equal. */
export function pageMatches(stored: UserFlow["page"], wanted: PageInput): boolean {
  const views = stored?.views ?? [];
  if (views.length !== wanted.views.length) return false;
  return wanted.views.every((w, i) => {
    const s = views[i];
    if (s === undefined || s.inputs.length !== w.inputs.length) return false;
    if (w.title !== undefined && (s.title ?? null) !== w.title) return false;
    if (w.description !== undefined && (s.description ?? null) !== w.description) return false;
    return w.inputs.every((input, j) => {
      const si = s.inputs[j];
      return si !== undefined && inputMatches(si, input);
    });
  });
}

/** Ids in `wanted` missing from `current` and ids in `current` not in `wanted` (case-insensitive). */
export function setDiff(
  current: readonly string[],
  wanted: readonly string[],
): { add: string[]; remove: string[] } {
  return {
    add: wanted.filter((w) => !current.some((c) => same(c, w))),
    remove: current.filter((c) => !wanted.some((w) => same(c, w))),
  };
}

/**
 * What a setup would unlink, one line each, for confirmation before anything is written: apps moved
 * off another flow, and the providers, apps and attributes an existing flow has beyond the spec's.
 * `attributes` are the spec's as ids where they exist (names of attributes still to be created
 * match nothing the flow has, so they never count as a removal).
 */
export function setupRemovals(
  existing: UserFlow | undefined,
  wanted: {
    identityProviders: readonly string[];
    applications: readonly string[] | undefined;
    attributes: readonly string[] | undefined;
  },
  moved: readonly { appId: string; other: UserFlow }[],
): string[] {
  const removals = moved.map(({ appId, other }) => `application ${appId} from '${other.displayName}'`);
  if (existing === undefined) return removals;
  const from = `from '${existing.displayName}'`;
  const gone = (current: readonly string[], spec: readonly string[] | undefined) =>
    spec === undefined ? [] : setDiff(current, spec).remove;
  for (const id of gone(existing.identityProviders, wanted.identityProviders))
    removals.push(`identity provider ${id} ${from}`);
  for (const appId of gone(existing.applications, wanted.applications))
    removals.push(`application ${appId} ${from}`);
  for (const id of gone(existing.attributes, wanted.attributes)) removals.push(`attribute ${id} ${from}`);
  return removals;
}
