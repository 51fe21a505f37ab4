import { randomUUID } from "node:crypto";
import {
  type Caller,
  GraphError,
  type GraphRequest,
  type GraphVersion,
  matchRoute,
} from "../../src/graph/route.ts";
import { graphRoutes } from "../../src/graph/routes/index.ts";
import type { JsonObject } from "../../src/store/json.ts";
import type { Store, TenantState } from "../../src/store/store.ts";

export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are Graph JSON that tests assert on structurally
  body: any;
  error?: { code: string; message: string; details: readonly { code: string; target?: string }[] };
}

const BASE = "https://127.0.0.1:8443";

/**
 * Calls a Graph route the way the front door does (match, then handle), rendering a thrown
 * GraphError as its status and code. Used until the HTTPS front door is on this branch.
 */
export function graphClient(store: Store, tenant: TenantState, caller: Partial<Caller> = {}) {
  let clock = new Date("2026-03-01T10:00:00Z");
  const who: Caller = {
    kind: "app",
    tenantId: tenant.info.id,
    appId: "aaaaaaaa-0000-4000-8000-000000000001",
    appDisplayName: "test-app",
    servicePrincipalId: "aaaaaaaa-0000-4000-8000-000000000002",
    userId: null,
    userPrincipalName: null,
    permissions: [],
    ...caller,
  };
  const call = async (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    version: GraphVersion = "v1.0",
  ): Promise<TestResponse> => {
    const u = new URL(url.startsWith("http") ? url : `${BASE}/${version}${url}`);
    const path = u.pathname.replace(/^\/(v1\.0|beta)/, "");
    const { match } = matchRoute(graphRoutes, method, path);
    if (match === undefined)
      return {
        status: 404,
        headers: {},
        body: undefined,
        error: { code: "NoRoute", message: path, details: [] },
      };
    const req: GraphRequest = {
      requestId: randomUUID(),
      clientRequestId: null,
      version,
      method: method as GraphRequest["method"],
      path,
      query: u.searchParams,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
      rawBody: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
      caller: who,
      tenant,
      store,
      baseUrl: BASE,
      now: () => clock,
    };
    try {
      const r = await match.route.handle(req, match.params);
      return { status: r.status, headers: r.headers ?? {}, body: r.body };
    } catch (e) {
      if (!(e instanceof GraphError)) throw e;
      return {
        status: e.status,
        headers: {},
        body: undefined,
        error: { code: e.code, message: e.message, details: e.details },
      };
    }
  };
  return {
    call,
    get: (url: string, headers?: Record<string, string>) => call("GET", url, undefined, headers),
    post: (url: string, body: unknown) => call("POST", url, body),
    patch: (url: string, body: unknown) => call("PATCH", url, body),
    del: (url: string) => call("DELETE", url),
    tick: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

export type GraphClient = ReturnType<typeof graphClient>;

/** A local customer account create body. */
export function customer(email: string, extra: JsonObject = {}): JsonObject {
  return {
    displayName: email.split("@")[0] as string,
    identities: [{ signInType: "emailAddress", issuer: "contoso.onmicrosoft.com", issuerAssignedId: email }],
    passwordProfile: { password: "Xy7!kq#Lm2", forceChangePasswordNextSignIn: false },
    passwordPolicies: "DisablePasswordExpiration",
    ...extra,
  };
}
