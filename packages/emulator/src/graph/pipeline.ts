import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.ts";
import { FAULT_HEADER, FaultHeaderError, type FaultPlan } from "../policy/faults.ts";
import { isPermitted } from "../policy/permissions.ts";
import { throttleFamily } from "../policy/throttle-family.ts";
import { resourceUnits } from "../policy/throttling.ts";
import { COLLECTIONS } from "../store/collection-names.ts";
import { authenticateGraph, graphChallenge } from "./auth.ts";
import { INSUFFICIENT_PRIVILEGES } from "./graph-errors.ts";
import { GRAPH_JSON, type GraphIds, type GraphOutcome, graphErrorOutcome, graphHeaders } from "./outcome.ts";
import { faultOutcome, notFoundMessage, throttledOutcome } from "./refusals.ts";
import { INVALID, INVALID_JSON_MESSAGE, parseJsonBody } from "./request-body.ts";
import {
  type Caller,
  GraphError,
  type GraphMethod,
  type GraphRequest,
  type GraphRoute,
  type GraphVersion,
  matchRoute,
  splitPath,
} from "./route.ts";
import { createsCustomer, routeCost, routesFor, unknownSegment } from "./route-table.ts";

/** One Graph request as the pipeline takes it, top-level or from inside a `$batch`. */
export interface GraphCall {
  method: string;
  /** The version segment as sent (`v1.0`, `beta`). */
  version: string;
  /** Path after the version (not decoded) and query: `/users/abc?$select=id`. */
  target: string;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  rawBody: Buffer;
  /** A `$batch` item's body, already JSON. */
  jsonBody?: unknown;
  inBatch: boolean;
}

/** Runs a `$batch` request; provided by batch.ts so the two files do not import each other. */
export type BatchRunner = (
  ctx: EmulatorContext,
  call: GraphCall,
  ids: GraphIds,
  body: unknown,
) => Promise<GraphOutcome>;

const METHODS = new Set<string>(["GET", "POST", "PATCH", "PUT", "DELETE"]);

/**
 * The Graph front door for one request: authentication, faults, replication lag, routing,
 * permissions, throttling, body parsing, then the route; every refusal in Graph's envelope.
 * `$batch` items go through this same function, so each is authorised, throttled and
 * fault-injected on its own.
 */
export async function executeGraph(
  ctx: EmulatorContext,
  call: GraphCall,
  runBatch: BatchRunner,
): Promise<GraphOutcome> {
  const ids: GraphIds = {
    requestId: randomUUID(),
    clientRequestId: call.headers["client-request-id"] ?? null,
    now: ctx.now(),
  };
  const url = new URL(call.target, "https://graph.invalid");
  const version =
    call.version === "v1.0" || call.version === "beta" ? (call.version as GraphVersion) : undefined;
  const log = {
    appId: null as string | null,
    tenantId: null as string | null,
    ru: 0,
    faults: [] as string[],
    early: false,
  };
  const outcome = await run();
  ctx.monitor.record({
    time: ids.now.toISOString(),
    service: call.inBatch ? "batch-item" : "graph",
    method: call.method,
    path: `/${call.version}${call.target}`,
    status: outcome.status,
    requestId: ids.requestId,
    clientRequestId: ids.clientRequestId,
    appId: log.appId,
    tenantId: log.tenantId,
    resourceUnits: log.ru,
    faults: log.faults,
    earlyRetry: log.early,
  });
  return outcome;

  async function run(): Promise<GraphOutcome> {
    if (version === undefined) {
      return graphErrorOutcome(ids, 400, "BadRequest", `Invalid version: '${call.version}'.`);
    }
    const auth = await authenticateGraph(ctx, call.headers.authorization);
    if (!auth.ok) {
      return graphErrorOutcome(ids, 401, "InvalidAuthenticationToken", auth.message, {
        "www-authenticate": graphChallenge(ctx.origins.login),
      });
    }
    const { caller, tenant } = auth;
    log.appId = caller.appId;
    log.tenantId = tenant.info.id;
    let plan: FaultPlan;
    try {
      plan = ctx.faults.plan(call.method, url.pathname, call.headers[FAULT_HEADER]);
    } catch (err) {
      if (err instanceof FaultHeaderError) return graphErrorOutcome(ids, 400, "BadRequest", err.message);
      throw err;
    }
    log.faults = plan.applied;
    const delayed = (o: GraphOutcome): GraphOutcome => ({ ...o, latencyMs: o.latencyMs + plan.latencyMs });
    if (plan.drop === "before") return { status: 0, headers: {}, latencyMs: plan.latencyMs, drop: "before" };
    if (plan.error !== undefined) return delayed(faultOutcome(ids, plan.error));
    const segments = splitPath(url.pathname);
    if (!METHODS.has(call.method)) {
      return graphErrorOutcome(
        ids,
        405,
        "Request_BadRequest",
        "Specified HTTP method is not allowed for the request target.",
      );
    }
    const method = call.method as GraphMethod;
    if (segments.length === 1 && segments[0] === "$batch") {
      if (call.inBatch) {
        return delayed(
          graphErrorOutcome(
            ids,
            400,
            "BadRequest",
            "A $batch request cannot contain another $batch request.",
          ),
        );
      }
      if (method !== "POST") {
        return graphErrorOutcome(
          ids,
          405,
          "Request_BadRequest",
          "Specified HTTP method is not allowed for the request target.",
          { allow: "POST" },
        );
      }
      const parsed = parseJsonBody(call);
      if (parsed === INVALID) return graphErrorOutcome(ids, 400, "BadRequest", INVALID_JSON_MESSAGE);
      return delayed(await runBatch(ctx, call, ids, parsed));
    }
    const lagging = ctx.faults.lagging(tenant.info.id, segments, ids.now.getTime());
    if (lagging !== undefined) {
      return delayed(graphErrorOutcome(ids, 404, "Request_ResourceNotFound", notFoundMessage(lagging)));
    }
    const routes = routesFor(ctx.routes, version);
    const { match, allowed } = matchRoute(routes, method, url.pathname);
    if (match === undefined) {
      if (allowed.length > 0) {
        return delayed(
          graphErrorOutcome(
            ids,
            405,
            "Request_BadRequest",
            "Specified HTTP method is not allowed for the request target.",
            {
              allow: allowed.join(", "),
            },
          ),
        );
      }
      return delayed(
        graphErrorOutcome(
          ids,
          400,
          "Request_BadRequest",
          `Resource not found for the segment '${unknownSegment(routes, segments)}'.`,
        ),
      );
    }
    const { route, params } = match;
    if (!isPermitted(route.permissions, caller.permissions, route.directory)) {
      return delayed(graphErrorOutcome(ids, 403, "Authorization_RequestDenied", INSUFFICIENT_PRIVILEGES));
    }
    const body = parseJsonBody(call);
    if (body === INVALID) return delayed(graphErrorOutcome(ids, 400, "BadRequest", INVALID_JSON_MESSAGE));
    const request: GraphRequest = {
      requestId: ids.requestId,
      clientRequestId: ids.clientRequestId,
      version,
      method,
      path: `/${segments.map((s) => s).join("/")}`,
      query: url.searchParams,
      headers: call.headers,
      body,
      rawBody: call.rawBody,
      caller,
      tenant,
      store: ctx.store,
      baseUrl: ctx.origins.graph,
      now: () => ctx.now(),
    };
    // Reports and identity-provider resources are other Graph services with request-count limits:
    // they are not priced in resource units (learn.microsoft.com/graph/throttling-limits).
    const family = throttleFamily(route.path);
    const cost =
      family === "directory"
        ? resourceUnits(routeCost(route, request), url.searchParams, createsCustomer(route, tenant.info.kind))
        : 1;
    const decision = ctx.throttler.check({
      appId: caller.appId,
      tenantId: tenant.info.id,
      tenantUsers: tenant.collection(COLLECTIONS.users).size,
      cost,
      write: method !== "GET",
      nowMs: ids.now.getTime(),
      family,
    });
    if (!decision.allowed) {
      log.early = decision.earlyRetry;
      return delayed(
        throttledOutcome(
          ids,
          decision.retryAfterMs,
          decision.scope,
          decision.information,
          decision.earlyRetry,
        ),
      );
    }
    const outcome = await callRoute(ids, route, request, params, caller);
    if (family === "directory") {
      log.ru = cost;
      outcome.headers["x-ms-resource-unit"] = String(cost);
    }
    Object.assign(outcome.headers, decision.headers);
    if (plan.replicationLagMs !== undefined && outcome.status === 201) {
      const id =
        typeof outcome.body === "object" && !Buffer.isBuffer(outcome.body) ? outcome.body.id : undefined;
      if (typeof id === "string")
        ctx.faults.hide(tenant.info.id, id, ctx.now().getTime(), plan.replicationLagMs);
    }
    const final = delayed(outcome);
    if (plan.drop === "after") final.drop = "after";
    return final;
  }
}

async function callRoute(
  ids: GraphIds,
  route: GraphRoute,
  request: GraphRequest,
  params: Record<string, string>,
  caller: Caller,
): Promise<GraphOutcome> {
  try {
    const result = await route.handle(request, params);
    const headers: Record<string, string> = { ...graphHeaders(ids) };
    if (result.body !== undefined && typeof result.body === "object" && !Buffer.isBuffer(result.body)) {
      headers["content-type"] = GRAPH_JSON;
      headers["odata-version"] = "4.0";
    }
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = value;
    return {
      status: result.status,
      headers,
      ...(result.body === undefined ? {} : { body: result.body }),
      latencyMs: 0,
    };
  } catch (err) {
    if (err instanceof GraphError)
      return graphErrorOutcome(ids, err.status, err.code, err.message, {}, err.details);
    // A bug in a route: answer as Graph does for its own failures, and say where on stderr.
    console.error(`ciam-emulator: ${request.method} ${request.path} (app ${caller.appId}) failed:`, err);
    return graphErrorOutcome(ids, 500, "InternalServerError", "Encountered an internal server error.");
  }
}
