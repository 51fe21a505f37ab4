/**
 * The one form in which specs are compared and written: lists whose order has no meaning sorted and
 * without duplicates (any casing), fields Graph leaves empty left out. Export writes it, plan compares
 * it, so two exports of the same state are byte-identical and a re-ordered list is no change.
 */
import type { ApplicationSpec, UserFlowSpec } from "./spec-schema.ts";

/** Sorted (by lower case, then as written), once each in any casing. */
export function sortedSet(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out.sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** An application spec with its unordered lists sorted. */
export function normalizeApplication(app: ApplicationSpec): ApplicationSpec {
  const out: ApplicationSpec = { ...app };
  if (app.web !== undefined) out.web = { redirectUris: sortedSet(app.web.redirectUris) };
  if (app.spa !== undefined) out.spa = { redirectUris: sortedSet(app.spa.redirectUris) };
  if (app.identifierUris !== undefined) out.identifierUris = sortedSet(app.identifierUris);
  if (app.scopes !== undefined) out.scopes = [...app.scopes].sort((a, b) => cmp(a.value, b.value));
  if (app.appRoles !== undefined) out.appRoles = [...app.appRoles].sort((a, b) => cmp(a.value, b.value));
  if (app.requiredPermissions !== undefined) {
    out.requiredPermissions = Object.fromEntries(
      Object.entries(app.requiredPermissions).map(([resource, p]) => [
        resource,
        {
          ...(p.roles === undefined ? {} : { roles: sortedSet(p.roles) }),
          ...(p.scopes === undefined ? {} : { scopes: sortedSet(p.scopes) }),
        },
      ]),
    );
  }
  return out;
}

/** A user flow spec with its providers, attributes and applications sorted (the page keeps its order). */
export function normalizeFlow(flow: UserFlowSpec): UserFlowSpec {
  const out: UserFlowSpec = { ...flow };
  for (const key of ["identityProviders", "attributes", "applications"] as const) {
    const list = flow[key];
    if (list !== undefined) out[key] = sortedSet(list);
  }
  return out;
}
