import type { JsonObject } from "../store/json.ts";
import type { Store, TenantState } from "../store/store.ts";

/**
 * The contract between the Graph front door (HTTP, bearer validation, permissions, throttling,
 * faults, `$batch`) and the Graph resource routes (OData, directory objects, CIAM resources).
 * The front door matches a route, checks the caller holds one of `permissions`, charges `cost`,
 * then calls `handle`. A route never sees HTTP, tokens or throttling.
 */

export type GraphVersion = "v1.0" | "beta";
export type GraphMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Who is calling, from the validated bearer token. */
export interface Caller {
  /** `app` for client-credentials tokens (`roles`), `delegated` for a signed-in user (`scp`). */
  kind: "app" | "delegated";
  tenantId: string;
  /** The calling application's client id (`appid`/`azp`). */
  appId: string;
  appDisplayName: string | null;
  /** Object id of the calling app's service principal in this tenant, when it has one. */
  servicePrincipalId: string | null;
  /** Object id of the signed-in user (delegated only). */
  userId: string | null;
  userPrincipalName: string | null;
  /** Application permissions (`roles`) or delegated scopes (`scp`), as permission names. */
  permissions: readonly string[];
}

export interface GraphRequest {
  requestId: string;
  clientRequestId: string | null;
  version: GraphVersion;
  method: GraphMethod;
  /** Path after the version, percent-decoded per segment, without query: `/users/abc`. */
  path: string;
  query: URLSearchParams;
  /** Request headers, names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON body for JSON requests, else undefined. */
  body: unknown;
  /** The raw body (binary uploads: branding images, policy XML). */
  rawBody: Buffer;
  caller: Caller;
  tenant: TenantState;
  store: Store;
  /** Graph origin, `https://127.0.0.1:PORT`, for `@odata.context` and `@odata.nextLink`. */
  baseUrl: string;
  now(): Date;
}

export interface GraphResult {
  status: number;
  headers?: Record<string, string>;
  /** JSON object, text (`$count`, XML) or bytes (branding images); undefined for no body. */
  body?: JsonObject | string | Buffer;
}

/** A Graph error a route raises; the front door renders Graph's envelope with the request ids. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly { code: string; message: string; target?: string }[];

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly { code: string; message: string; target?: string }[] = [],
  ) {
    super(message);
    this.name = "GraphError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface GraphRoute {
  method: GraphMethod;
  /** Path template after the version, `{name}` matching one segment: `/users/{id}`, `/groups/{id}/members/$ref`. */
  path: string;
  /** Versions that serve it; both when omitted. A beta-only route answers 400 on v1.0, as Graph does. */
  versions?: readonly GraphVersion[];
  /**
   * Permissions that allow the call, least privileged first (api-surface section 0). The front door
   * also accepts a ReadWrite permission of the same family for a Read one, and Directory.Read.All /
   * Directory.ReadWrite.All for directory objects when `directory` is set.
   */
  permissions: readonly string[];
  directory?: boolean;
  /**
   * Base resource-unit cost before modifiers (api-surface 11.6); 1 when omitted. Every non-GET also
   * counts one write. The front door applies `$select`, `$expand` and `$top` modifiers.
   */
  cost?: number | ((req: GraphRequest) => number);
  handle(req: GraphRequest, params: Readonly<Record<string, string>>): GraphResult | Promise<GraphResult>;
}

export interface RouteMatch {
  route: GraphRoute;
  params: Record<string, string>;
}

/**
 * Finds the route for a method and a path (after the version). Segments compare case-insensitively,
 * as Graph's do (`/Users/{id}` works); a literal segment wins over a `{param}` one at the same place.
 * Returns the routes that matched the path with another method in `allowed` (for 405).
 */
export function matchRoute(
  routes: readonly GraphRoute[],
  method: string,
  path: string,
): { match: RouteMatch | undefined; allowed: GraphMethod[] } {
  const segments = splitPath(path);
  let best: { match: RouteMatch; literals: number } | undefined;
  const allowed = new Set<GraphMethod>();
  for (const route of routes) {
    const template = templateOf(route);
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < template.length && ok; i++) {
      const t = template[i] as string;
      const s = segments[i] as string;
      if (t.startsWith("{") && t.endsWith("}") && t.indexOf("}") === t.length - 1) params[t.slice(1, -1)] = s;
      else if (t.includes("{")) {
        // A key segment such as `applications(appId='{appId}')`: literal text around a parameter.
        const found = matchKeySegment(t, s);
        if (found === undefined) ok = false;
        else {
          Object.assign(params, found);
          literals++;
        }
      } else if (t.toLowerCase() === s.toLowerCase()) literals++;
      else ok = false;
    }
    if (!ok) continue;
    if (route.method !== method) {
      allowed.add(route.method);
      continue;
    }
    if (best === undefined || literals > best.literals) best = { match: { route, params }, literals };
  }
  return { match: best?.match, allowed: [...allowed] };
}

// Templates are split and compiled once per route: matching runs on every request.
const templates = new WeakMap<GraphRoute, string[]>();
const keySegments = new Map<string, { regex: RegExp; names: string[] }>();

function templateOf(route: GraphRoute): string[] {
  let template = templates.get(route);
  if (template === undefined) {
    template = splitPath(route.path);
    templates.set(route, template);
  }
  return template;
}

/** Matches a segment template with literal text around `{name}` parts, case-insensitively. */
function matchKeySegment(template: string, segment: string): Record<string, string> | undefined {
  let compiled = keySegments.get(template);
  if (compiled === undefined) {
    const names: string[] = [];
    const pattern = template
      .split(/(\{[A-Za-z]+\})/)
      .map((part) => {
        if (/^\{[A-Za-z]+\}$/.test(part)) {
          names.push(part.slice(1, -1));
          return "([^/']+)";
        }
        return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      })
      .join("");
    compiled = { regex: new RegExp(`^${pattern}$`, "i"), names };
    keySegments.set(template, compiled);
  }
  const m = compiled.regex.exec(segment);
  if (m === null) return undefined;
  return Object.fromEntries(compiled.names.map((n, i) => [n, m[i + 1] as string]));
}

/** Splits `/a/b/` into `["a", "b"]`, percent-decoding each segment. */
export function splitPath(path: string): string[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      if (!s.includes("%")) return s;
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
