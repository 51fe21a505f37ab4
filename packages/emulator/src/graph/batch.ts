import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext } from "../context.ts";
import type { Json, JsonObject } from "../store/json.ts";
import { GRAPH_JSON, type GraphIds, type GraphOutcome, graphErrorOutcome, graphHeaders } from "./outcome.ts";
import { executeGraph, type GraphCall } from "./pipeline.ts";

/** Graph's limit on requests in one batch (api-surface 11.7). */
export const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/**
 * `POST /{version}/$batch` (JSON batching): validates the whole batch first (a malformed batch is
 * a 400 and runs nothing), then runs every item through the same pipeline as a top-level request,
 * items without dependencies concurrently; an item whose dependency failed gets 424. Responses
 * come back in completion order, which is "any order" as Graph promises.
 */
export async function runBatch(
  ctx: EmulatorContext,
  call: GraphCall,
  ids: GraphIds,
  body: unknown,
): Promise<GraphOutcome> {
  const parsed = parseBatch(body, call.version);
  if (typeof parsed === "string") return graphErrorOutcome(ids, 400, "BadRequest", parsed);
  const byId = new Map(parsed.map((item) => [item.id.toLowerCase(), item]));
  const runs = new Map<string, Promise<GraphOutcome>>();
  const responses: JsonObject[] = [];
  let dropped: "before" | "after" | undefined;

  const runItem = (item: BatchItem): Promise<GraphOutcome> => {
    const key = item.id.toLowerCase();
    let run = runs.get(key);
    if (run !== undefined) return run;
    run = (async () => {
      const deps = await Promise.all(
        item.dependsOn.map((d) => runItem(byId.get(d.toLowerCase()) as BatchItem)),
      );
      const failed = deps.some((o) => o.status >= 400 || o.drop !== undefined);
      const outcome = failed ? failedDependency(ctx, item) : await executeItem(ctx, call, item);
      if (outcome.latencyMs > 0) await sleep(outcome.latencyMs);
      if (outcome.drop !== undefined)
        dropped = dropped === "after" || outcome.drop === "after" ? "after" : "before";
      responses.push(itemResponse(item.id, outcome));
      return outcome;
    })();
    runs.set(key, run);
    return run;
  };
  await Promise.all(parsed.map(runItem));
  if (dropped !== undefined) return { status: 0, headers: {}, latencyMs: 0, drop: dropped };
  return {
    status: 200,
    headers: { ...graphHeaders(ids), "content-type": GRAPH_JSON },
    body: { responses },
    latencyMs: 0,
  };
}

function executeItem(ctx: EmulatorContext, outer: GraphCall, item: BatchItem): Promise<GraphOutcome> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(item.headers)) headers[name.toLowerCase()] = value;
  if (outer.headers.authorization !== undefined) headers.authorization = outer.headers.authorization;
  let rawBody = Buffer.alloc(0);
  let jsonBody: unknown;
  if (item.body !== undefined) {
    const type = headers["content-type"] ?? "";
    if (typeof item.body === "string" && !/json/i.test(type)) {
      // Binary bodies travel base64-encoded inside a batch.
      rawBody = Buffer.from(item.body, "base64");
    } else {
      jsonBody = item.body;
      rawBody = Buffer.from(JSON.stringify(item.body));
    }
  }
  return executeGraph(
    ctx,
    {
      method: item.method.toUpperCase(),
      version: outer.version,
      target: item.url,
      headers,
      rawBody,
      ...(jsonBody === undefined ? {} : { jsonBody }),
      inBatch: true,
    },
    runBatch,
  );
}

function failedDependency(ctx: EmulatorContext, item: BatchItem): GraphOutcome {
  const ids: GraphIds = {
    requestId: crypto.randomUUID(),
    clientRequestId: item.headers["client-request-id"] ?? null,
    now: ctx.now(),
  };
  return graphErrorOutcome(
    ids,
    424,
    "FailedDependency",
    "The request was not run because a request it depends on failed.",
  );
}

/**
 * Graph writes item headers in their canonical case (`Content-Type`, `Retry-After`), and Microsoft's
 * BatchResponseContent reads `Content-Type` case-sensitively to decide whether a body is JSON.
 */
const ITEM_HEADER_NAMES: Readonly<Record<string, string>> = {
  "content-type": "Content-Type",
  "retry-after": "Retry-After",
  location: "Location",
  "cache-control": "Cache-Control",
  "odata-version": "OData-Version",
};

function itemResponse(id: string, outcome: GraphOutcome): JsonObject {
  const headers: Record<string, Json> = {};
  for (const [name, value] of Object.entries(outcome.headers)) {
    if (name === "date" || name === "strict-transport-security" || name === "x-ms-ags-diagnostic") continue;
    headers[ITEM_HEADER_NAMES[name] ?? name] = value;
  }
  const response: JsonObject = { id, status: outcome.status, headers };
  const body = outcome.body;
  if (body !== undefined) response.body = Buffer.isBuffer(body) ? body.toString("base64") : body;
  return response;
}

/** Validates a batch payload; a string is the reason it is refused. */
function parseBatch(body: unknown, version: string): BatchItem[] | string {
  if (!isObject(body) || !Array.isArray(body.requests)) {
    return "Invalid batch payload format: expected an object with a 'requests' array.";
  }
  const requests = body.requests as unknown[];
  if (requests.length === 0) return "Invalid batch payload format: 'requests' is empty.";
  if (requests.length > MAX_BATCH_REQUESTS) {
    return `Invalid batch payload format: the number of batch requests exceeds the maximum of ${MAX_BATCH_REQUESTS}.`;
  }
  const items: BatchItem[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of requests.entries()) {
    if (!isObject(raw)) return `Invalid batch payload format: request ${index} is not an object.`;
    const { id, method, url, headers, body: itemBody, dependsOn } = raw;
    if (typeof id !== "string" || id === "")
      return `Invalid batch payload format: request ${index} has no 'id'.`;
    if (seen.has(id.toLowerCase()))
      return `Request id '${id}' is not unique within the batch (ids compare case-insensitively).`;
    seen.add(id.toLowerCase());
    if (typeof method !== "string" || method === "") return `Request '${id}' has no 'method'.`;
    if (typeof url !== "string" || url === "") return `Request '${id}' has no 'url'.`;
    if (/^[a-z]+:\/\//i.test(url))
      return `Request '${id}': the url must be relative to the version root, e.g. '/users'.`;
    if (headers !== undefined && !isStringRecord(headers))
      return `Request '${id}': 'headers' must be an object of strings.`;
    const hasContentType =
      headers !== undefined && Object.keys(headers).some((h) => h.toLowerCase() === "content-type");
    if (itemBody !== undefined && itemBody !== null && !hasContentType) {
      return `Write request id : ${id} does not contain Content-Type header or body.`;
    }
    if (
      dependsOn !== undefined &&
      (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === "string"))
    ) {
      return `Request '${id}': 'dependsOn' must be an array of request ids.`;
    }
    items.push({
      id,
      method,
      url: versionRelative(url, version),
      headers: (headers as Record<string, string> | undefined) ?? {},
      body: itemBody === null ? undefined : itemBody,
      dependsOn: (dependsOn as string[] | undefined) ?? [],
    });
  }
  const ids = new Set(items.map((i) => i.id.toLowerCase()));
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!ids.has(dep.toLowerCase()))
        return `Request '${item.id}' depends on '${dep}', which is not in the batch.`;
    }
  }
  if (hasCycle(items)) return "The dependsOn references of the batch form a cycle.";
  return items;
}

/**
 * `/users`, `users` and `/v1.0/users` (inside a v1.0 batch) all mean `/users`: Microsoft's SDK
 * batch helpers strip only the host, so they send the version prefix and Graph accepts it.
 */
function versionRelative(url: string, version: string): string {
  const path = url.startsWith("/") ? url : `/${url}`;
  const prefix = `/${version}/`;
  return path.toLowerCase().startsWith(prefix.toLowerCase()) ? path.slice(prefix.length - 1) : path;
}

function hasCycle(items: readonly BatchItem[]): boolean {
  const deps = new Map(items.map((i) => [i.id.toLowerCase(), i.dependsOn.map((d) => d.toLowerCase())]));
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): boolean => {
    const s = state.get(id);
    if (s === 2) return false;
    if (s === 1) return true;
    state.set(id, 1);
    for (const d of deps.get(id) ?? []) if (visit(d)) return true;
    state.set(id, 2);
    return false;
  };
  return [...deps.keys()].some(visit);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((v) => typeof v === "string");
}
