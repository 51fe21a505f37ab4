import { type GraphRequest, type GraphRoute, type GraphVersion, splitPath } from "./route.ts";

/**
 * "Creating a user in an Azure AD B2C tenant" costs 4 more resource units (api-surface 11.6); the
 * emulator applies it to External ID tenants too, B2C's successor for customer accounts.
 */
export function createsCustomer(route: GraphRoute, kind: string): boolean {
  return (
    route.method === "POST" &&
    route.path.toLowerCase() === "/users" &&
    (kind === "b2c" || kind === "external")
  );
}

const byVersion = new WeakMap<readonly GraphRoute[], Map<GraphVersion, GraphRoute[]>>();

/** The routes a version serves, computed once per route table. */
export function routesFor(all: readonly GraphRoute[], version: GraphVersion): GraphRoute[] {
  let versions = byVersion.get(all);
  if (versions === undefined) {
    versions = new Map();
    byVersion.set(all, versions);
  }
  let routes = versions.get(version);
  if (routes === undefined) {
    routes = all.filter((r) => r.versions === undefined || r.versions.includes(version));
    versions.set(version, routes);
  }
  return routes;
}

/** A route's base resource-unit cost for a request (1 when the route names none). */
export function routeCost(route: GraphRoute, req: GraphRequest): number {
  if (route.cost === undefined) return 1;
  return typeof route.cost === "number" ? route.cost : route.cost(req);
}

/** The first segment no route reaches, for Graph's "Resource not found for the segment '…'". */
export function unknownSegment(routes: readonly GraphRoute[], segments: readonly string[]): string {
  const templates = routes.map((r) => splitPath(r.path));
  for (let i = 0; i < segments.length; i++) {
    const s = (segments[i] as string).toLowerCase();
    const reached = templates.some((t) => {
      for (let j = 0; j <= i; j++) {
        const tj = t[j];
        if (tj === undefined) return false;
        const sj = (segments[j] as string).toLowerCase();
        if (!(tj.startsWith("{") && tj.endsWith("}")) && tj.toLowerCase() !== (j === i ? s : sj))
          return false;
      }
      return true;
    });
    if (!reached) return segments[i] as string;
  }
  return segments[segments.length - 1] ?? "";
}
