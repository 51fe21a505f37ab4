/**
 * `app_update`'s required permissions by name, resolved as tenant as code resolves them: a resource by
 * its service principal's display name (Microsoft Graph) or client id, each permission by its value
 * (User.Read.All, openid) or id. Each named resource's entry replaces the stored one; an entry with
 * no permission removes it.
 */
import { z } from "zod";
import { resolvePermissions, resourceAccess } from "../../config/permission-names.ts";
import { noResources, readResources } from "../../config/permission-resources.ts";
import type { SpecProblem } from "../../config/spec-error.ts";
import type { ServiceClient } from "../../http/service-client.ts";
import { InputError } from "../../input-error.ts";
import { nameRefSchema } from "../fields.ts";

const permission = z.string().min(1).max(256).regex(/^\S+$/, "a permission's value (User.Read) or id");

/** By resource: its name (Microsoft Graph) or client id; `{}` removes the resource. */
export const requiredPermissionsSchema = z.record(
  nameRefSchema,
  z.object({ scopes: z.array(permission).optional(), roles: z.array(permission).optional() }),
);

type Required = { resourceAppId: string; resourceAccess: { id: string; type: string }[] };

/** The app's `requiredResourceAccess` with the named resources' entries replaced. */
export async function mergeRequiredAccess(
  graph: ServiceClient,
  current: readonly Required[],
  wanted: z.infer<typeof requiredPermissionsSchema>,
  signal?: AbortSignal,
): Promise<Required[]> {
  const names = Object.keys(wanted);
  const resources = names.length === 0 ? noResources() : await readResources(graph, [], names, signal);
  const problems: SpecProblem[] = [];
  const lookups = { resources, apps: new Map(), appIdByName: new Map(), appName: (id: string) => id };
  const resolved = resolvePermissions("app", wanted, lookups, undefined, problems);
  if (problems.length > 0)
    throw new InputError(
      `requiredPermissions: ${problems.map((p) => `${p.path.replace(/^applications\.app\.requiredPermissions\./, "")}: ${p.message}`).join("; ")}.`,
    );
  const entries = resourceAccess(resolved, resources, () => undefined);
  const named = new Set(entries.map((e) => e.resourceAppId.toLowerCase()));
  return [
    ...current.filter((r) => !named.has(r.resourceAppId.toLowerCase())),
    ...entries.filter((e) => e.resourceAccess.length > 0),
  ];
}
