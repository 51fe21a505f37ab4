/**
 * Required permissions by name, both ways. A spec names the resource (an application of the spec or
 * tenant, or a service principal such as `Microsoft Graph`) and each permission by its value
 * (`User.Read.All`); ids stay accepted, and stay ids where the resource has no name for them (a
 * resource without a service principal in the tenant, a permission it does not list). The one form
 * plan compares and export writes is "the name where one resolves, else the id".
 */
import type { z } from "zod";
import type { requiredResourceAccessSchema } from "../graph/applications/application-schema.ts";
import { isGuid } from "../graph/fields.ts";
import { nearest, type Resource, type Resources } from "./permission-resources.ts";
import { problemAt, type SpecLocator, type SpecProblem } from "./spec-error.ts";
import type { ApplicationSpec } from "./spec-schema.ts";

type Permissions = NonNullable<ApplicationSpec["requiredPermissions"]>;
type Access = "roles" | "scopes";
const ACCESS: readonly Access[] = ["roles", "scopes"];
const TYPE = { roles: "Role", scopes: "Scope" } as const;
const WHAT = { roles: "application permission (app role)", scopes: "delegated permission (scope)" };

type RequiredResourceAccess = z.infer<typeof requiredResourceAccessSchema>;
const lc = (s: string) => s.toLowerCase();

/** An application's live required permissions in the spec's form: resources and permissions by name. */
export function livePermissions(
  access: readonly RequiredResourceAccess[],
  resources: Resources,
  appName: (appId: string) => string,
): Permissions | undefined {
  const out: Permissions = {};
  for (const r of access) {
    const resource = resources.byAppId.get(lc(r.resourceAppId));
    const name = appName(r.resourceAppId);
    const key = name !== r.resourceAppId ? name : (resource?.displayName ?? r.resourceAppId);
    const entry: Partial<Record<Access, string[]>> = {};
    for (const kind of ACCESS) {
      const ids = r.resourceAccess.filter((x) => x.type === TYPE[kind]).map((x) => x.id);
      if (ids.length > 0) entry[kind] = ids.map((id) => resource?.names[kind].get(lc(id)) ?? id);
    }
    out[key] = entry;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What {@link resolvePermissions} resolves names against. */
export interface PermissionLookups {
  resources: Resources;
  /** Applications of the spec and the tenant: spelling by lower-case name. */
  apps: Map<string, string>;
  /** Tenant applications' client ids by lower-case name. */
  appIdByName: Map<string, string>;
  /** A tenant application's name by client id, or the id. */
  appName: (appId: string) => string;
}

/**
 * An application's required permissions in the one compared form; a resource or permission name that
 * does not resolve is a problem at its place, with the nearest known names.
 */
export function resolvePermissions(
  app: string,
  permissions: Permissions,
  lookups: PermissionLookups,
  locate: SpecLocator | undefined,
  problems: SpecProblem[],
): Permissions {
  const { resources } = lookups;
  const out: Permissions = {};
  for (const [key, wanted] of Object.entries(permissions)) {
    const at = (...rest: (string | number)[]) => ["applications", app, "requiredPermissions", key, ...rest];
    let name = key;
    let resource: Resource | undefined;
    if (isGuid(key)) {
      const appId = lc(key);
      resource = resources.byAppId.get(appId);
      const own = lookups.appName(appId);
      name = own !== appId ? own : (resource?.displayName ?? appId);
    } else if (lookups.apps.has(lc(key))) {
      name = lookups.apps.get(lc(key)) ?? key;
      const appId = lookups.appIdByName.get(lc(key));
      resource = appId === undefined ? undefined : resources.byAppId.get(lc(appId));
    } else {
      const found = resources.byName.get(lc(key)) ?? [];
      if (found.length > 1) {
        problems.push(
          problemAt(
            locate,
            at(),
            `'${key}' names ${found.length} service principals (${found.map((r) => r.appId).join(", ")}); write the client id of the one you mean`,
            true,
          ),
        );
        continue;
      }
      resource = found[0];
      if (resource === undefined) {
        const known = [
          ...lookups.apps.values(),
          ...[...resources.byName.values()].flat().map((r) => r.displayName),
        ];
        problems.push(
          problemAt(
            locate,
            at(),
            `no application or service principal is named '${key}' in the spec or the tenant${hint(key, known)}; a resource may also be given by its client id`,
            true,
          ),
        );
        continue;
      }
      name = resource.displayName;
    }
    const entry: Partial<Record<Access, string[]>> = {};
    for (const kind of ACCESS) {
      const list = wanted[kind];
      if (list === undefined) continue;
      entry[kind] = list.map((permission, i) => {
        if (isGuid(permission)) return resource?.names[kind].get(lc(permission)) ?? lc(permission);
        const found = resource?.[kind].get(lc(permission));
        if (found !== undefined) return found.value;
        problems.push(problemAt(locate, at(kind, i), unknownPermission(name, resource, kind, permission)));
        return permission;
      });
    }
    out[name] = entry;
  }
  return out;
}

const hint = (name: string, known: readonly string[]) => {
  const near = nearest(name, known);
  return near.length === 0 ? "" : ` (nearest: ${near.join(", ")})`;
};

function unknownPermission(
  name: string,
  resource: Resource | undefined,
  kind: Access,
  value: string,
): string {
  if (resource === undefined)
    return `'${value}' cannot be looked up: '${name}' has no service principal in the tenant; write the permission's id`;
  const other: Access = kind === "roles" ? "scopes" : "roles";
  if (resource[other].has(lc(value)))
    return `'${value}' is a ${WHAT[other]} of ${name}: list it under ${other}, not ${kind}`;
  const known = [...resource[kind].values()].map((p) => p.value);
  return `${name} has no ${WHAT[kind]} named '${value}'${hint(value, known)}`;
}

/** The `requiredResourceAccess` of a resolved spec: resources by client id, permissions by id. */
export function resourceAccess(
  permissions: Permissions | undefined,
  resources: Resources,
  appIdOf: (name: string) => string | undefined,
): RequiredResourceAccess[] {
  return Object.entries(permissions ?? {}).map(([key, p]) => {
    const appId = isGuid(key) ? key : (appIdOf(key) ?? resources.byName.get(lc(key))?.[0]?.appId ?? key);
    const resource = resources.byAppId.get(lc(appId));
    const ids = (kind: Access) =>
      (p[kind] ?? []).map((v) => ({
        id: isGuid(v) ? v : (resource?.[kind].get(lc(v))?.id ?? v),
        type: TYPE[kind],
      }));
    return { resourceAppId: appId, resourceAccess: [...ids("roles"), ...ids("scopes")] };
  });
}
