/**
 * Merging scopes and app roles into an application's lists by value, as Graph keeps them: a new one
 * gets an id and is enabled, a given field changes, `enabled: false` disables, and only a disabled one
 * may be removed (Graph refuses removing an enabled scope or role, CannotDeleteOrUpdateEnabledEntitlement).
 */
import { randomUUID } from "node:crypto";
import { InputError } from "../../input-error.ts";
import type { AppRoleInput, ScopeInput } from "./entitlement-schemas.ts";

/** `permissionScope` (Graph CSDL), as read and written. */
export interface GraphScope {
  id: string;
  value?: string | null;
  isEnabled?: boolean | null;
  type?: string | null;
  adminConsentDisplayName?: string | null;
  adminConsentDescription?: string | null;
  userConsentDisplayName?: string | null;
  userConsentDescription?: string | null;
  [other: string]: unknown;
}

/** `appRole` (Graph CSDL), as read and written. */
export interface GraphAppRole {
  id: string;
  value?: string | null;
  isEnabled?: boolean | null;
  displayName?: string | null;
  description?: string | null;
  allowedMemberTypes?: string[] | null;
  [other: string]: unknown;
}

const lc = (s: string | null | undefined) => (s ?? "").toLowerCase();

function scopeFields(s: ScopeInput, current: GraphScope | undefined): GraphScope {
  const name = s.displayName ?? current?.adminConsentDisplayName ?? s.value;
  const text = s.description ?? current?.adminConsentDescription ?? name;
  const type = s.userConsent === undefined ? (current?.type ?? "Admin") : s.userConsent ? "User" : "Admin";
  return {
    ...current,
    id: current?.id ?? randomUUID(),
    value: current?.value ?? s.value,
    isEnabled: s.enabled ?? current?.isEnabled ?? true,
    type,
    adminConsentDisplayName: name,
    adminConsentDescription: text,
    userConsentDisplayName: type === "User" ? name : (current?.userConsentDisplayName ?? null),
    userConsentDescription: type === "User" ? text : (current?.userConsentDescription ?? null),
  };
}

function roleFields(r: AppRoleInput, current: GraphAppRole | undefined): GraphAppRole {
  const name = r.displayName ?? current?.displayName ?? r.value;
  return {
    ...current,
    id: current?.id ?? randomUUID(),
    value: current?.value ?? r.value,
    isEnabled: r.enabled ?? current?.isEnabled ?? true,
    displayName: name,
    description: r.description ?? current?.description ?? name,
    allowedMemberTypes: r.members ?? current?.allowedMemberTypes ?? ["User"],
  };
}

function merge<
  G extends { id: string; value?: string | null; isEnabled?: boolean | null },
  I extends { value: string },
>(
  what: "scope" | "app role",
  field: "scopes" | "appRoles",
  current: readonly G[],
  changes: readonly I[] | undefined,
  remove: readonly string[] | undefined,
  fields: (input: I, current: G | undefined) => G,
): G[] | undefined {
  if (changes === undefined && remove === undefined) return undefined;
  const seen = new Set<string>();
  for (const c of changes ?? []) {
    if (seen.has(lc(c.value))) throw new InputError(`${field} names ${c.value} twice.`);
    seen.add(lc(c.value));
  }
  const gone = new Set((remove ?? []).map(lc));
  for (const value of gone) {
    const item = current.find((g) => lc(g.value) === value);
    if (item?.isEnabled === true)
      throw new InputError(
        `The ${what} ${item.value} is enabled, and Graph removes only a disabled one (CannotDeleteOrUpdateEnabledEntitlement): disable it first with ${field}: [{ value: "${item.value}", enabled: false }], then remove it in a later update once no client relies on it.`,
      );
    if (seen.has(value)) throw new InputError(`${field} and its remove list both name ${value}.`);
  }
  const out = current
    .filter((g) => !gone.has(lc(g.value)))
    .map((g) => {
      const change = changes?.find((c) => lc(c.value) === lc(g.value));
      return change === undefined ? g : fields(change, g);
    });
  for (const c of changes ?? [])
    if (!current.some((g) => lc(g.value) === lc(c.value))) out.push(fields(c, undefined));
  return out;
}

/** The app's scopes after the change, or `undefined` when it changes none. */
export const mergeScopes = (
  current: readonly GraphScope[],
  changes?: readonly ScopeInput[],
  remove?: readonly string[],
) => merge("scope", "scopes", current, changes, remove, scopeFields);

/** The app's roles after the change, or `undefined` when it changes none. */
export const mergeAppRoles = (
  current: readonly GraphAppRole[],
  changes?: readonly AppRoleInput[],
  remove?: readonly string[],
) => merge("app role", "appRoles", current, changes, remove, roleFields);
