/**
 * Graph JSON batching (https://learn.microsoft.com/graph/json-batching): any number of requests sent
 * in `$batch` envelopes of at most 20, a bounded number of envelopes in flight, inner 429/503 retried
 * per item after that item's own `Retry-After`, `dependsOn` honoured, results in input order.
 */
import { randomUUID } from "node:crypto";
import type { HttpMethod } from "./pipeline.ts";
import { RETRY_AFTER_MARGIN_MS, retryAfterMs } from "./retry-after.ts";
import type { ServiceClient } from "./service-client.ts";
import { sleep } from "./sleep.ts";

/** One request of a batch. `url` is relative to the version root (`/users/…`). */
export interface BatchRequest {
  id: string;
  method: HttpMethod;
  url: string;
  body?: unknown;
  headers?: Readonly<Record<string, string>> | undefined;
  /** Ids of requests (in this call) that must succeed first; they are sent in the same envelope. */
  dependsOn?: readonly string[] | undefined;
}

/** The outcome of one request. */
export interface BatchResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** Envelopes in flight at once (default 4). */
  concurrency?: number;
  /** Retries of one inner request after 429/503 (default 5). */
  maxItemRetries?: number;
  /** Wait when an inner 429 carries no `Retry-After` (default 2 s, doubled per retry). */
  baseDelayMs?: number;
  signal?: AbortSignal | undefined;
  /** Called after each envelope with how many requests have a final result. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Graph's limit of requests per `$batch` envelope. */
export const BATCH_LIMIT = 20;

interface Pending {
  request: BatchRequest;
  index: number;
  attempts: number;
  notBefore: number;
}

/** Groups requests connected by `dependsOn`, since Graph only resolves ids within one envelope. */
function dependencyGroups(requests: readonly BatchRequest[]): BatchRequest[][] {
  const ids = new Map<string, number>();
  requests.forEach((r, i) => {
    const key = r.id.toLowerCase();
    if (ids.has(key))
      throw new Error(`Duplicate batch request id ${JSON.stringify(r.id)} (ids are case-insensitive).`);
    ids.set(key, i);
  });
  const parent = requests.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] as number;
    return i;
  };
  requests.forEach((r, i) => {
    for (const dep of r.dependsOn ?? []) {
      const j = ids.get(dep.toLowerCase());
      if (j === undefined)
        throw new Error(
          `Batch request ${JSON.stringify(r.id)} depends on unknown id ${JSON.stringify(dep)}.`,
        );
      parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, BatchRequest[]>();
  requests.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  for (const group of groups.values()) {
    if (group.length > BATCH_LIMIT) {
      throw new Error(
        `A chain of ${group.length} dependent requests cannot fit in one $batch of ${BATCH_LIMIT}.`,
      );
    }
  }
  return [...groups.values()];
}

function lowerHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers !== null && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/**
 * Runs the requests through `POST /$batch`. Throws before sending anything if ids repeat, a dependency
 * is unknown, or a dependency chain exceeds 20. A failed envelope (after the pipeline's own retries)
 * rejects the whole call; inner failures are returned as results.
 */
export async function runBatch(
  client: ServiceClient,
  requests: readonly BatchRequest[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxItemRetries = options.maxItemRetries ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 2000;
  const indexOf = new Map(requests.map((r, i) => [r.id.toLowerCase(), i]));
  const results: (BatchResult | undefined)[] = new Array(requests.length);
  let done = 0;
  // After an inner 429 no new envelope leaves until its Retry-After has passed: Graph counts
  // requests made while throttled against the caller (https://learn.microsoft.com/graph/throttling).
  let pausedUntil = 0;

  // The queue holds dependency groups; a group is retried as a unit (the failed items and their dependents).
  const queue: Pending[][] = dependencyGroups(requests).map((group) =>
    group.map((request) => ({
      request,
      index: indexOf.get(request.id.toLowerCase()) as number,
      attempts: 0,
      notBefore: 0,
    })),
  );

  const takeEnvelope = (now: number): Pending[][] | undefined => {
    if (now < pausedUntil) return undefined;
    const taken: Pending[][] = [];
    let size = 0;
    for (let i = 0; i < queue.length; ) {
      const group = queue[i] as Pending[];
      const ready = group.every((p) => p.notBefore <= now);
      if (ready && size + group.length <= BATCH_LIMIT) {
        taken.push(group);
        size += group.length;
        queue.splice(i, 1);
      } else i++;
    }
    return taken.length === 0 ? undefined : taken;
  };

  const sendEnvelope = async (groups: Pending[][]): Promise<void> => {
    const items = groups.flat();
    // One client-request-id for the envelope and its items, so both sides' logs tie them together.
    const envelopeId = randomUUID();
    const pendingIds = new Set(items.map((p) => p.request.id.toLowerCase()));
    const body = {
      requests: items.map(({ request }) => {
        const headers: Record<string, string> = { "client-request-id": envelopeId, ...request.headers };
        if (
          request.body !== undefined &&
          !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")
        ) {
          headers["Content-Type"] = "application/json";
        }
        // A dependency that already succeeded in an earlier envelope is no longer referenced.
        const dependsOn = (request.dependsOn ?? []).filter((d) => pendingIds.has(d.toLowerCase()));
        return {
          id: request.id,
          method: request.method,
          url: request.url.startsWith("/") ? request.url : `/${request.url}`,
          ...(Object.keys(headers).length > 0 ? { headers } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(dependsOn.length > 0 ? { dependsOn } : {}),
        };
      }),
    };
    const envelope = await client.post<{ responses?: unknown[] }>("/$batch", body, {
      signal: options.signal,
    });
    const byId = new Map<string, BatchResult>();
    for (const raw of envelope?.responses ?? []) {
      const r = raw as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
      const id = String(r.id ?? "").toLowerCase();
      byId.set(id, {
        id: String(r.id),
        status: Number(r.status),
        headers: lowerHeaders(r.headers),
        body: r.body,
      });
    }
    const now = Date.now();
    for (const group of groups) {
      const retry: Pending[] = [];
      let retryAt = 0;
      for (const pending of group) {
        const result = byId.get(pending.request.id.toLowerCase()) ?? {
          id: pending.request.id,
          status: 500,
          headers: {},
          body: {
            error: {
              code: "MissingBatchResponse",
              message: "The $batch response had no entry for this request.",
            },
          },
        };
        const throttled = result.status === 429 || result.status === 503;
        const blocked = result.status === 424;
        if ((throttled || blocked) && pending.attempts < maxItemRetries) {
          const asked = throttled ? retryAfterMs(new Headers(result.headers), now) : undefined;
          const wait =
            asked === undefined ? baseDelayMs * 2 ** pending.attempts : asked + RETRY_AFTER_MARGIN_MS;
          retryAt = Math.max(retryAt, now + (throttled ? wait : 0));
          retry.push(pending);
        } else {
          results[pending.index] = { ...result, id: pending.request.id };
          done++;
        }
      }
      // A 424 is only worth retrying when something it depends on is retried too.
      const retriedThrottled = retry.some((p) => {
        const r = byId.get(p.request.id.toLowerCase());
        return r !== undefined && r.status !== 424;
      });
      if (!retriedThrottled) {
        for (const pending of retry) {
          results[pending.index] = byId.get(pending.request.id.toLowerCase()) as BatchResult;
          done++;
        }
      } else {
        queue.push(retry.map((p) => ({ ...p, attempts: p.attempts + 1, notBefore: retryAt })));
        pausedUntil = Math.max(pausedUntil, retryAt);
      }
    }
    options.onProgress?.(done, requests.length);
  };

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  while ((queue.length > 0 || inFlight.size > 0) && failure === undefined) {
    options.signal?.throwIfAborted();
    const envelope = inFlight.size < concurrency ? takeEnvelope(Date.now()) : undefined;
    if (envelope !== undefined) {
      const task: Promise<void> = sendEnvelope(envelope).then(
        () => {
          inFlight.delete(task);
        },
        (error: unknown) => {
          inFlight.delete(task);
          failure ??= error;
        },
      );
      inFlight.add(task);
      continue;
    }
    const waits: Promise<unknown>[] = [...inFlight];
    if (queue.length > 0 && inFlight.size < concurrency) {
      const earliest = Math.max(
        pausedUntil,
        Math.min(...queue.map((g) => Math.max(...g.map((p) => p.notBefore)))),
      );
      waits.push(sleep(Math.max(0, earliest - Date.now()), options.signal));
    }
    await Promise.race(waits);
  }
  if (failure !== undefined) {
    await Promise.allSettled(inFlight);
    throw failure;
  }
  return results as BatchResult[];
}
