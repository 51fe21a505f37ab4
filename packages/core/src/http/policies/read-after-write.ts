import { type PipelinePolicy, type PipelineResponse, responseJson } from "../pipeline.ts";
import { sleep } from "../sleep.ts";

/** Options of {@link readAfterWritePolicy}. */
export interface ReadAfterWriteOptions {
  /** Further attempts after the first 404 (default 3). */
  retries?: number;
  /** Wait before the first retry, doubled each time (default 300 ms: 2.1 s in all). */
  delayMs?: number;
  /**
   * How long after this client created an object a 404 naming it counts as replication lag (default
   * 60 s): only then does the error say the object may need a few seconds to replicate.
   */
  recentMs?: number;
}

/** The most creations remembered; the oldest are forgotten first. */
const REMEMBERED = 256;

/**
 * For requests marked `readAfterWrite`: retries a 404 a few times with growing waits, because Entra
 * replicates writes asynchronously and an object created a moment ago can briefly be "not found"
 * (https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors). Other requests pass through.
 */
export function readAfterWritePolicy(options: ReadAfterWriteOptions = {}): PipelinePolicy {
  const retries = options.retries ?? 3;
  const delayMs = options.delayMs ?? 300;
  const recentMs = options.recentMs ?? 60_000;
  // Ids this client created (201 answers), lower-cased, with when: per client, so another client's
  // creations (or an object that never existed) get a plain "not found".
  const created = new Map<string, number>();
  const remember = (response: PipelineResponse): void => {
    if (response.status !== 201) return;
    const id = createdId(response);
    if (id === undefined) return;
    created.delete(id);
    created.set(id, Date.now());
    if (created.size > REMEMBERED) created.delete(created.keys().next().value as string);
  };
  const namesRecent = (url: string): boolean => {
    const now = Date.now();
    const path = safeDecode(url.split("?")[0] ?? url).toLowerCase();
    for (const [id, at] of created) if (now - at <= recentMs && path.includes(id)) return true;
    return false;
  };
  return {
    name: "read-after-write",
    async sendRequest(request, next) {
      let response = await next(request);
      remember(response);
      for (
        let attempt = 0;
        request.readAfterWrite === true && response.status === 404 && attempt < retries;
        attempt++
      ) {
        await sleep(delayMs * 2 ** attempt, request.signal);
        response = await next(request);
      }
      if (response.status === 404 && namesRecent(request.url)) response.createdMomentsAgo = true;
      return response;
    },
  };
}

/** The id of a created object: the `id` of its JSON answer (Graph), or the last segment of `Location`. */
function createdId(response: PipelineResponse): string | undefined {
  let body: unknown;
  try {
    body = responseJson(response);
  } catch {
    body = undefined;
  }
  const id =
    typeof body === "object" && body !== null && typeof (body as { id?: unknown }).id === "string"
      ? (body as { id: string }).id
      : response.headers.get("location")?.split("?")[0]?.split("/").at(-1);
  return id === undefined || id.length < 8 ? undefined : safeDecode(id).toLowerCase();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
